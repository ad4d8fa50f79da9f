package io.fileparser.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.headers.Header;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

/**
 * The RFC 9457 problem answers of every operation, each with the {@code Problem} schema.
 *
 * <p>Every operation can answer 401, 403 and 429 (a rate limit). What else it can answer is listed
 * by {@code operationId} in {@link #PROBLEMS}, from the problem types its boundary and services
 * raise (see {@code ProblemType}); a 503 means a dependency (database, object store) is away and
 * carries {@code Retry-After}.
 */
final class ProblemAnswers {

  static final String PROBLEM_SCHEMA = "Problem";

  /** The problem answers beyond 401 and 403, by operationId. */
  static final Map<String, List<String>> PROBLEMS =
      Map.ofEntries(
          Map.entry("uploadFile", List.of("400", "413", "415", "422", "503")),
          Map.entry("describeResumableUploads", List.of()),
          Map.entry(
              "createResumableUpload",
              List.of("400", "404", "409", "410", "412", "413", "415", "422", "423", "460", "503")),
          Map.entry("getResumableUploadOffset", List.of("404", "410", "412", "503")),
          Map.entry(
              "appendResumableUpload",
              List.of("400", "404", "409", "410", "412", "413", "415", "422", "423", "460", "503")),
          Map.entry("terminateResumableUpload", List.of("404", "410", "412", "423", "503")),
          Map.entry("getResumableUpload", List.of("404", "410", "412", "503")),
          Map.entry("listJobs", List.of("400", "503")),
          Map.entry("getJobAnalytics", List.of("400", "503")),
          Map.entry("listAuditRecords", List.of("400", "503")),
          Map.entry("verifyAuditChain", List.of("503")),
          Map.entry("getQueueStatus", List.of("400", "503")),
          Map.entry("getMetricsSummary", List.of("400", "503")),
          Map.entry("getDiagnostics", List.of("400", "503")),
          Map.entry("listAlerts", List.of("400", "503")),
          Map.entry("getUsage", List.of("400", "404", "406", "503")),
          Map.entry("pauseDispatch", List.of("400", "503")),
          Map.entry("resumeDispatch", List.of("400", "503")),
          Map.entry("listDeadLetters", List.of("400", "503")),
          Map.entry("requeueDeadLetters", List.of("400", "422", "503")),
          Map.entry("purgeDeadLetters", List.of("400", "422", "503")),
          Map.entry("getJob", List.of("404", "503")),
          Map.entry("cancelJob", List.of("404", "409", "503")),
          Map.entry("retryJob", List.of("400", "404", "409", "422", "503")),
          Map.entry("rescheduleJob", List.of("400", "404", "409", "422", "503")),
          Map.entry("deleteJob", List.of("404", "503")),
          Map.entry("runBulkJobOperation", List.of("400", "422", "503")),
          Map.entry("getBulkJobOperation", List.of("400", "404", "503")),
          Map.entry("getJobHistory", List.of("400", "404", "503")),
          Map.entry("getJobResult", List.of("400", "404", "406", "409", "503")),
          Map.entry("createApiKey", List.of("400", "503")),
          Map.entry("listApiKeys", List.of("503")),
          Map.entry("revokeApiKey", List.of("404", "503")),
          Map.entry("listMappings", List.of("400", "503")),
          Map.entry("suggestFields", List.of("400", "503")),
          Map.entry("getMapping", List.of("404", "409", "503")),
          Map.entry("draftMapping", List.of("400", "404", "409", "422", "503")),
          Map.entry("submitMapping", List.of("404", "409", "422", "503")),
          Map.entry("approveMapping", List.of("400", "404", "409", "422", "503")),
          Map.entry("rejectMapping", List.of("400", "404", "409", "503")),
          Map.entry("listTemplates", List.of("400", "503")),
          Map.entry("createTemplate", List.of("400", "409", "422", "503")),
          Map.entry("getTemplate", List.of("404", "503")),
          Map.entry("getTemplateAnalytics", List.of("400", "404", "503")),
          Map.entry("editTemplate", List.of("400", "404", "409", "422", "503")),
          Map.entry("archiveTemplate", List.of("404", "409", "503")),
          Map.entry("copyTemplate", List.of("400", "404", "409", "422", "503")),
          Map.entry("listTemplateVersions", List.of("404", "503")),
          Map.entry("getTemplateVersion", List.of("404", "503")),
          Map.entry("publishTemplateVersion", List.of("404", "409", "503")),
          Map.entry("backtestTemplateVersion", List.of("404", "409", "503")),
          Map.entry("getTemplateBacktest", List.of("404", "503")),
          Map.entry("diffTemplateVersions", List.of("400", "404", "503")),
          Map.entry("exportTemplates", List.of("400", "404", "413", "503")),
          Map.entry("exportTemplate", List.of("404", "503")),
          Map.entry("importTemplates", List.of("400", "409", "413", "415", "422", "503")),
          Map.entry("listTemplateProposals", List.of("400", "503")),
          Map.entry("getTemplateProposal", List.of("404", "503")),
          Map.entry("editTemplateProposal", List.of("400", "404", "409", "422", "503")),
          Map.entry("approveTemplateProposal", List.of("400", "404", "409", "422", "503")),
          Map.entry("rejectTemplateProposal", List.of("400", "404", "409", "503")),
          Map.entry("createWebhook", List.of("400", "422", "503")),
          Map.entry("listWebhooks", List.of("503")),
          Map.entry("getWebhook", List.of("404", "503")),
          Map.entry("updateWebhook", List.of("400", "404", "422", "503")),
          Map.entry("deleteWebhook", List.of("404", "503")),
          Map.entry("rotateWebhookSecret", List.of("400", "404", "503")),
          Map.entry("testWebhook", List.of("404", "503")),
          Map.entry("listWebhookMessages", List.of("400", "404", "503")),
          Map.entry("listJobWebhookDeliveries", List.of("400", "404", "503")),
          Map.entry("getWebhookMessage", List.of("404", "503")),
          Map.entry("resendWebhookMessage", List.of("404", "503")),
          Map.entry("recoverWebhookMessages", List.of("400", "404", "503")),
          Map.entry("listNotifications", List.of("400", "503")),
          Map.entry("countUnreadNotifications", List.of("503")),
          Map.entry("markNotificationRead", List.of("404", "503")),
          Map.entry("markAllNotificationsRead", List.of("503")),
          Map.entry("getVapidPublicKey", List.of("404")),
          Map.entry("listPushSubscriptions", List.of("503")),
          Map.entry("createPushSubscription", List.of("400", "404", "503")),
          Map.entry("deletePushSubscription", List.of("404", "503")),
          Map.entry("streamJobEvents", List.of("400", "404", "429", "503")),
          Map.entry("streamTenantEvents", List.of("400", "429", "503")),
          Map.entry("createWebSocketTicket", List.of("503")),
          Map.entry("getPlatformHealth", List.of()),
          Map.entry("listWorkers", List.of()),
          Map.entry("sendWorkerCommand", List.of("400", "404", "422", "503", "504")),
          Map.entry("listTenants", List.of("400", "503")),
          Map.entry("getTenant", List.of("404", "503")),
          Map.entry("createTenant", List.of("400", "409", "422", "503")),
          Map.entry("updateTenant", List.of("400", "404", "415", "422", "503")));

  /** Shared responses in components, by status: the component name and its description. */
  private static final Map<String, String[]> RESPONSES = new LinkedHashMap<>();

  static {
    RESPONSES.put(
        "400",
        new String[] {
          "BadRequest",
          "The request is malformed or a parameter is invalid (invalid_request, invalid_cursor,"
              + " malformed_json, malformed_multipart, missing_file, empty_file, gzip_corrupt,"
              + " push_endpoint_not_allowed, invalid_period, invalid_date, invalid_range,"
              + " range_too_long, ...)"
        });
    RESPONSES.put(
        "401",
        new String[] {
          "Unauthorized",
          "No valid credentials: authentication_required, invalid_token or invalid_api_key"
        });
    RESPONSES.put(
        "403",
        new String[] {
          "Forbidden",
          "The caller may not do this: forbidden, tenant_missing, role_not_grantable or"
              + " template_read_only; the caller's tenant is disabled by the platform operator:"
              + " tenant_disabled; a PATCH to a final (concatenated) upload:"
              + " final_upload_read_only"
        });
    RESPONSES.put(
        "404",
        new String[] {
          "NotFound",
          "No such resource for the caller: job_not_found, bulk_operation_not_found,"
              + " api_key_not_found, tenant_not_found, worker_not_found,"
              + " upload_not_found, webhook_not_found, webhook_message_not_found,"
              + " notification_not_found, push_subscription_not_found, push_not_configured,"
              + " template_not_found, template_version_not_found or"
              + " template_backtest_not_found"
        });
    RESPONSES.put(
        "406", new String[] {"NotAcceptable", "None of the accepted media types can be produced"});
    RESPONSES.put(
        "409",
        new String[] {
          "Conflict",
          "The resource's state does not allow this: job_not_cancellable, job_not_retryable,"
              + " result_not_available,"
              + " template_name_taken, template_version_not_draft or template_archived;"
              + " a back-test of a template no job completed with yet:"
              + " template_backtest_no_files;"
              + " a tenant registered already: tenant_exists; a reschedule of a job that is"
              + " neither waiting nor scheduled: job_not_held;"
              + " a job that does not wait for a mapping: job_not_awaiting_mapping; a mapping"
              + " not drafted or not submitted yet: mapping_not_drafted, mapping_not_submitted;"
              + " a chunk's Upload-Offset is not where the resumable upload stands:"
              + " upload_offset_mismatch; a final upload names a partial upload that another"
              + " final upload joins already: partial_upload_consumed"
        });
    RESPONSES.put(
        "410",
        new String[] {"Gone", "The resumable upload expired or was terminated: upload_gone"});
    RESPONSES.put(
        "412",
        new String[] {
          "PreconditionFailed",
          "The tus version in Tus-Resumable is not served (Tus-Version lists those that are):"
              + " tus_version_unsupported"
        });
    RESPONSES.put(
        "413",
        new String[] {
          "PayloadTooLarge",
          "The upload is over a limit: file_too_large, form_too_large, gzip_bomb,"
              + " pdf_too_many_pages or upload_length_exceeded"
        });
    RESPONSES.put(
        "415",
        new String[] {
          "UnsupportedMediaType",
          "The file is not a supported format or does not match its declared type:"
              + " unsupported_format, unsupported_media_type or format_mismatch"
        });
    RESPONSES.put(
        "422",
        new String[] {
          "UnprocessableContent",
          "The file was read but refused: malware_detected, scan_limit_exceeded, pdf_*, csv_*,"
              + " cdr_layout_unknown or idempotency_key_reused; a webhook URL whose host resolves to a"
              + " private, loopback or link-local address: webhook_target_refused; a template"
              + " document that breaks a rule: invalid_template (member names it); an upload naming"
              + " a template or version the tenant cannot use: template_not_found,"
              + " template_version_not_found (also a retry's templateVersion); more jobs than one"
              + " bulk request may act on: bulk_limit_exceeded; a mapping naming a column the file"
              + " lacks or mapping two columns to a field: invalid_mapping, a field neither known"
              + " nor typed: unknown_field, a mapping the sample rows do not fit:"
              + " mapping_check_failed (problems lists them per field); a tenant setting of a bad"
              + " value: invalid_tenant_setting (field names it); a worker"
              + " command Celery does not take: invalid_worker_command (field names it); a"
              + " dependency that is no job of the tenant or too many of them:"
              + " dependency_not_found, too_many_dependencies; a scheduleAt beyond the horizon:"
              + " schedule_too_far"
        });
    RESPONSES.put(
        "429",
        new String[] {
          "TooManyRequests",
          "The caller made more requests of this kind (read, write or upload) than its tenant's"
              + " tier allows: rate_limited, with Retry-After and the RateLimit and"
              + " RateLimit-Policy fields; the tenant has as many uploads streaming at once as its"
              + " tier allows: too_many_uploads, with Retry-After; the tenant has as many live"
              + " connections open on this server as it may: too_many_connections"
        });
    RESPONSES.put(
        "423",
        new String[] {
          "Locked", "Another request is writing to the resumable upload: upload_locked"
        });
    RESPONSES.put(
        "460",
        new String[] {
          "ChecksumMismatch",
          "The chunk's digest differs from its Upload-Checksum; it was discarded:"
              + " checksum_mismatch"
        });
    RESPONSES.put(
        "503",
        new String[] {
          "ServiceUnavailable",
          "A dependency (database, broker or object store) is away: service_unavailable or"
              + " storage_unavailable; no parse worker answered for suggestions:"
              + " suggestions_unavailable; nothing was changed, retry after Retry-After seconds"
        });
    RESPONSES.put(
        "504",
        new String[] {
          "GatewayTimeout",
          "The parse worker sent a command did not reply in time: worker_no_reply (it may be"
              + " busy or gone; the command may still take effect)"
        });
  }

  private ProblemAnswers() {}

  /** The Problem schema, the Retry-After header and one shared response per status. */
  static void addComponents(Components components) {
    components.addSchema(PROBLEM_SCHEMA, problemSchema());
    components.addHeader(
        "Retry-After",
        OASFactory.createHeader()
            .description("Seconds to wait before trying again")
            .schema(OASFactory.createSchema().type(Schema.SchemaType.INTEGER).format("int32")));
    components.addHeader(
        "RateLimit-Policy",
        OASFactory.createHeader()
            .description(
                "The rate limit policy of the request's kind (draft-ietf-httpapi-ratelimit-headers):"
                    + " its name (read, write or upload), quota q and window w in seconds, e.g."
                    + " \"read\";q=1200;w=60. Sent with every answer to an authenticated request")
            .schema(OASFactory.createSchema().type(Schema.SchemaType.STRING)));
    components.addHeader(
        "RateLimit",
        OASFactory.createHeader()
            .description(
                "Where the caller stands under that policy: r requests left at once, t seconds"
                    + " until the whole quota is back, e.g. \"read\";r=1187;t=3")
            .schema(OASFactory.createSchema().type(Schema.SchemaType.STRING)));
    for (Map.Entry<String, String[]> response : RESPONSES.entrySet()) {
      components.addResponse(
          response.getValue()[0], problemResponse(response.getKey(), response.getValue()[1]));
    }
  }

  private static Schema problemSchema() {
    return OASFactory.createSchema()
        .type(Schema.SchemaType.OBJECT)
        .description(
            "An RFC 9457 problem document. Clients switch on 'code'; further members carry"
                + " details of some problems (e.g. maxBytes, incident)")
        .addProperty(
            "type",
            string("A URN naming the problem type, urn:fileparser:problem:<code>")
                .format("uri-reference"))
        .addProperty("title", string("A short summary of the problem type"))
        .addProperty(
            "status",
            OASFactory.createSchema()
                .type(Schema.SchemaType.INTEGER)
                .format("int32")
                .description("The HTTP status code"))
        .addProperty("detail", string("What went wrong with this request"))
        .addProperty("instance", string("The path of the request").format("uri-reference"))
        .addProperty("code", string("The stable machine name of the problem type"))
        .required(new ArrayList<>(List.of("type", "title", "status", "code")))
        .additionalPropertiesBoolean(Boolean.TRUE);
  }

  private static Schema string(String description) {
    return OASFactory.createSchema().type(Schema.SchemaType.STRING).description(description);
  }

  private static APIResponse problemResponse(String status, String description) {
    MediaType problem =
        OASFactory.createMediaType()
            .schema(OASFactory.createSchema().ref("#/components/schemas/" + PROBLEM_SCHEMA));
    Content content = OASFactory.createContent().addMediaType(Problems.MEDIA_TYPE, problem);
    APIResponse response = OASFactory.createAPIResponse().description(description).content(content);
    if ("503".equals(status) || "429".equals(status)) {
      Header retryAfter = OASFactory.createHeader().ref("#/components/headers/Retry-After");
      response.addHeader("Retry-After", retryAfter);
    }
    if ("429".equals(status)) {
      response.addHeader(
          "RateLimit-Policy",
          OASFactory.createHeader().ref("#/components/headers/RateLimit-Policy"));
      response.addHeader(
          "RateLimit", OASFactory.createHeader().ref("#/components/headers/RateLimit"));
    }
    return response;
  }

  /** The operation's problem answers: 401, 403, 429 and those {@link #PROBLEMS} lists. */
  static void document(Operation operation) {
    APIResponses responses = operation.getResponses();
    if (responses == null) {
      responses = OASFactory.createAPIResponses();
      operation.setResponses(responses);
    }
    List<String> statuses = new ArrayList<>(List.of("401", "403", "429"));
    statuses.addAll(PROBLEMS.getOrDefault(operation.getOperationId(), List.of()));
    for (String status : statuses.stream().distinct().sorted().toList()) {
      if (!responses.hasAPIResponse(status)) {
        responses.addAPIResponse(
            status,
            OASFactory.createAPIResponse()
                .ref("#/components/responses/" + RESPONSES.get(status)[0]));
      }
    }
  }
}
