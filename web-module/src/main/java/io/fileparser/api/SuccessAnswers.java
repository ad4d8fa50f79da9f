package io.fileparser.api;

import io.fileparser.admin.WorkerCommandOutcome;
import io.fileparser.audit.AuditPage;
import io.fileparser.audit.ChainVerification;
import io.fileparser.backtests.TemplateBacktestView;
import io.fileparser.health.HealthReport;
import io.fileparser.jobcontrol.BulkResult;
import io.fileparser.jobs.JobHistory;
import io.fileparser.jobs.JobPage;
import io.fileparser.jobs.JobView;
import io.fileparser.mapping.MappingPage;
import io.fileparser.mapping.MappingView;
import io.fileparser.mapping.SuggestedFields;
import io.fileparser.notifications.MarkedRead;
import io.fileparser.notifications.NotificationPage;
import io.fileparser.notifications.NotificationView;
import io.fileparser.notifications.PushSubscriptionList;
import io.fileparser.notifications.PushSubscriptionView;
import io.fileparser.notifications.UnreadCount;
import io.fileparser.notifications.VapidPublicKey;
import io.fileparser.progress.WorkerList;
import io.fileparser.queue.DeadLetterPage;
import io.fileparser.queue.DispatchControl;
import io.fileparser.queue.QueueStatus;
import io.fileparser.resumable.UploadStatus;
import io.fileparser.security.ApiKeyList;
import io.fileparser.security.CallerView;
import io.fileparser.security.CreatedApiKey;
import io.fileparser.security.WebSocketTickets;
import io.fileparser.templates.TemplateDiff;
import io.fileparser.templates.TemplatePage;
import io.fileparser.templates.TemplateVersionList;
import io.fileparser.templates.TemplateVersionView;
import io.fileparser.templates.TemplateView;
import io.fileparser.tenants.TenantPage;
import io.fileparser.tenants.TenantView;
import io.fileparser.usage.UsageReportView;
import io.fileparser.webhooks.CreatedWebhook;
import io.fileparser.webhooks.JobDeliveryPage;
import io.fileparser.webhooks.MessageDetail;
import io.fileparser.webhooks.MessagePage;
import io.fileparser.webhooks.MessageView;
import io.fileparser.webhooks.Recovered;
import io.fileparser.webhooks.RotatedSecret;
import io.fileparser.webhooks.WebhookList;
import io.fileparser.webhooks.WebhookView;
import java.util.Map;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.media.Schema.SchemaType;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

/**
 * What each operation answers when it succeeds, by {@code operationId}: its status and the record
 * it writes. Payara documents every operation with one {@code default} answer of a bare object (its
 * scanner does not see the EJB module's records, nor a JAX-RS {@code Response}'s entity), which
 * leaves a generated client nothing to read; this replaces that answer with the real one.
 *
 * <p>{@code getJobResult} writes the worker's records as they are stored, as JSON, NDJSON or CSV by
 * {@code Accept}: its answer is described here ({@link #resultAnswer()}), not derived.
 */
final class SuccessAnswers {

  /** A success answer: no body when {@code body} is null. */
  record Answer(String status, String description, Class<? extends Record> body) {}

  static final Map<String, Answer> BY_OPERATION =
      Map.ofEntries(
          Map.entry(
              "uploadFile",
              new Answer(
                  "201",
                  "The job created for the file; Location is its status URL. With"
                      + " Idempotent-Replayed: true, the job of an earlier request with the same"
                      + " Idempotency-Key. A file over 1 MiB whose virus scan had no verdict yet"
                      + " (after fileparser.scan.verdict-wait-ms, or at once with Prefer:"
                      + " respond-async, answered with Preference-Applied) has its job in SCANNING"
                      + " until the verdict is applied",
                  JobView.class)),
          Map.entry("getJob", new Answer("200", "The job", JobView.class)),
          Map.entry(
              "listTemplates",
              new Answer(
                  "200",
                  "A page of templates; 'next' is the cursor of the following page, absent on the"
                      + " last",
                  TemplatePage.class)),
          Map.entry(
              "createTemplate",
              new Answer(
                  "201",
                  "The template, its version 1 a draft; Location is its URL",
                  TemplateView.class)),
          Map.entry("getTemplate", new Answer("200", "The template", TemplateView.class)),
          Map.entry(
              "getTemplateAnalytics",
              new Answer(
                  "200",
                  "The template's figures per version, with hints",
                  io.fileparser.monitoring.TemplateAnalyticsReport.class)),
          Map.entry(
              "editTemplate",
              new Answer("200", "The draft version the edit made", TemplateVersionView.class)),
          Map.entry(
              "archiveTemplate", new Answer("200", "The template, archived", TemplateView.class)),
          Map.entry(
              "copyTemplate",
              new Answer(
                  "201",
                  "The copy, its version 1 a draft; Location is its URL",
                  TemplateView.class)),
          Map.entry(
              "listTemplateVersions",
              new Answer(
                  "200", "The template's versions, oldest first", TemplateVersionList.class)),
          Map.entry(
              "getTemplateVersion",
              new Answer("200", "The version with its document", TemplateVersionView.class)),
          Map.entry(
              "publishTemplateVersion",
              new Answer(
                  "200", "The template, the version now its current one", TemplateView.class)),
          Map.entry(
              "backtestTemplateVersion",
              new Answer(
                  "202",
                  "The back-test, RUNNING; Location is its URL to read until COMPLETED or FAILED",
                  TemplateBacktestView.class)),
          Map.entry(
              "getTemplateBacktest",
              new Answer(
                  "200",
                  "The back-test, with the comparison once COMPLETED",
                  TemplateBacktestView.class)),
          Map.entry(
              "exportTemplates",
              new Answer(
                  "200",
                  "A bundle of the templates with every version (system ones as references)",
                  io.fileparser.templates.TemplateBundle.class)),
          Map.entry(
              "exportTemplate",
              new Answer(
                  "200",
                  "A bundle of the template with every version",
                  io.fileparser.templates.TemplateBundle.class)),
          Map.entry(
              "importTemplates",
              new Answer(
                  "200",
                  "What the import did (or would do, for a dry run), template by template",
                  io.fileparser.templates.BundleImportReport.class)),
          Map.entry(
              "listTemplateProposals",
              new Answer(
                  "200",
                  "A page of discovered layouts; 'next' is the cursor of the following page",
                  io.fileparser.templates.TemplateProposalPage.class)),
          Map.entry(
              "getTemplateProposal",
              new Answer(
                  "200",
                  "The proposal with its column profile and proposed document",
                  io.fileparser.templates.TemplateProposalView.class)),
          Map.entry(
              "editTemplateProposal",
              new Answer(
                  "200",
                  "The proposal with the edited document",
                  io.fileparser.templates.TemplateProposalView.class)),
          Map.entry(
              "approveTemplateProposal",
              new Answer(
                  "200",
                  "The proposal, approved, with the template made of it",
                  io.fileparser.templates.TemplateProposalView.class)),
          Map.entry(
              "rejectTemplateProposal",
              new Answer(
                  "200",
                  "The proposal, rejected",
                  io.fileparser.templates.TemplateProposalView.class)),
          Map.entry(
              "diffTemplateVersions",
              new Answer("200", "What changed, field by field", TemplateDiff.class)),
          Map.entry(
              "listMappings",
              new Answer(
                  "200",
                  "A page of jobs by mapping state, oldest first; 'next' is the cursor of the"
                      + " following page, absent on the last",
                  MappingPage.class)),
          Map.entry(
              "suggestFields",
              new Answer("200", "Ranked fields for each column", SuggestedFields.class)),
          Map.entry(
              "getMapping",
              new Answer(
                  "200",
                  "The job's column profile with ranked suggestions and its mapping so far",
                  MappingView.class)),
          Map.entry("draftMapping", new Answer("200", "The mapping, a draft", MappingView.class)),
          Map.entry(
              "submitMapping",
              new Answer(
                  "200", "The mapping, checked and submitted for approval", MappingView.class)),
          Map.entry(
              "approveMapping",
              new Answer(
                  "200",
                  "The mapping, approved (and saved as a template where asked); the job is queued"
                      + " again",
                  MappingView.class)),
          Map.entry(
              "rejectMapping",
              new Answer("200", "The mapping, rejected; the job has failed", MappingView.class)),
          Map.entry(
              "describeResumableUploads",
              new Answer(
                  "204",
                  "Tus-Version, Tus-Extension, Tus-Max-Size and Tus-Checksum-Algorithm",
                  null)),
          Map.entry(
              "createResumableUpload",
              new Answer(
                  "201",
                  "Location is the upload's URL; Upload-Expires when it expires, Upload-Offset"
                      + " when a first chunk came with it",
                  null)),
          Map.entry(
              "getResumableUploadOffset",
              new Answer(
                  "200",
                  "Upload-Offset, Upload-Length (or Upload-Defer-Length), Upload-Metadata,"
                      + " Upload-Expires; Upload-Job-Id once complete",
                  null)),
          Map.entry(
              "appendResumableUpload",
              new Answer(
                  "204",
                  "The chunk is stored; Upload-Offset is the new offset, Upload-Job-Id the job"
                      + " made of the complete upload",
                  null)),
          Map.entry(
              "terminateResumableUpload",
              new Answer("204", "The upload is terminated and what it received removed", null)),
          Map.entry(
              "getResumableUpload", new Answer("200", "The upload's progress", UploadStatus.class)),
          Map.entry(
              "listJobs",
              new Answer(
                  "200",
                  "A page of jobs; 'next' is the cursor of the following page, absent on the last",
                  JobPage.class)),
          Map.entry(
              "getJobAnalytics",
              new Answer(
                  "200",
                  "The figures of the tenant's jobs created in the window",
                  io.fileparser.monitoring.JobAnalyticsReport.class)),
          Map.entry("cancelJob", new Answer("200", "The job, cancelled", JobView.class)),
          Map.entry(
              "rescheduleJob",
              new Answer("200", "The job, with its new start instant (or queued)", JobView.class)),
          Map.entry(
              "retryJob",
              new Answer("200", "The job, queued again as a new attempt", JobView.class)),
          Map.entry("deleteJob", new Answer("204", "The job is deleted", null)),
          Map.entry(
              "runBulkJobOperation",
              new Answer(
                  "200",
                  "Every job's outcome (done, skipped with a reason, failed with a problem). A set"
                      + " over the synchronous threshold is answered 202 with the operation to poll"
                      + " (Location), in the same shape",
                  BulkResult.class)),
          Map.entry(
              "getBulkJobOperation",
              new Answer(
                  "200",
                  "The operation's state, counts and a page of its items; 'next' is the"
                      + " afterPosition of the following page, absent on the last",
                  BulkResult.class)),
          Map.entry(
              "getJobHistory",
              new Answer(
                  "200",
                  "A page of the job's history; 'next' is the afterSeq of the following page",
                  JobHistory.Page.class)),
          Map.entry(
              "createApiKey",
              new Answer(
                  "201",
                  "The key and its secret (shown this once); Location is the key's URL",
                  CreatedApiKey.class)),
          Map.entry("listApiKeys", new Answer("200", "The tenant's keys", ApiKeyList.class)),
          Map.entry("revokeApiKey", new Answer("204", "The key is revoked", null)),
          Map.entry(
              "createWebSocketTicket",
              new Answer(
                  "200",
                  "A single-use ticket for the WebSocket handshake and when it expires",
                  WebSocketTickets.Ticket.class)),
          Map.entry(
              "listWorkers",
              new Answer("200", "The workers heard from, alive or not", WorkerList.class)),
          Map.entry(
              "listAuditRecords",
              new Answer(
                  "200",
                  "A page of audit records, newest first, each with its chain links; 'next' is the"
                      + " cursor of the following page, absent on the last",
                  AuditPage.class)),
          Map.entry(
              "verifyAuditChain",
              new Answer(
                  "200",
                  "Whether the chain is unbroken from the first record to its head, how many"
                      + " records were checked and the first broken one (hash_mismatch,"
                      + " prev_hash_mismatch or head_mismatch)",
                  ChainVerification.class)),
          Map.entry(
              "getUsage",
              new Answer(
                  "200",
                  "One item per tenant and period, tenants in id order, periods oldest first; with"
                      + " Accept: text/csv the same rows as CSV under a header of stable columns"
                      + " (see docs/usage.md)",
                  UsageReportView.class)),
          Map.entry(
              "getQueueStatus",
              new Answer(
                  "200",
                  "The queue per priority band, in flight per tenant, dead letters and pauses",
                  QueueStatus.class)),
          Map.entry(
              "pauseDispatch",
              new Answer(
                  "200",
                  "Dispatch paused ('changed' false if it was paused already), with the pauses in"
                      + " force",
                  DispatchControl.Change.class)),
          Map.entry(
              "resumeDispatch",
              new Answer(
                  "200",
                  "Dispatch resumed ('changed' false if it was not paused), with the pauses still"
                      + " in force",
                  DispatchControl.Change.class)),
          Map.entry(
              "listDeadLetters",
              new Answer(
                  "200",
                  "A page of dead letters, newest first; 'next' is the cursor of the following"
                      + " page, absent on the last",
                  DeadLetterPage.class)),
          Map.entry(
              "requeueDeadLetters",
              new Answer(
                  "200",
                  "Every selected job's outcome (done, skipped with not_dead_lettered, failed with"
                      + " a problem)",
                  BulkResult.class)),
          Map.entry(
              "purgeDeadLetters",
              new Answer(
                  "200",
                  "Every selected job's outcome (done, skipped with not_dead_lettered, failed with"
                      + " a problem)",
                  BulkResult.class)),
          Map.entry(
              "getPlatformHealth",
              new Answer("200", "Every dependency and its state", HealthReport.Report.class)),
          Map.entry(
              "listNotifications",
              new Answer(
                  "200",
                  "A page of the caller's notifications, newest first; 'next' is the cursor of the"
                      + " following page, absent on the last",
                  NotificationPage.class)),
          Map.entry(
              "getCaller",
              new Answer(
                  "200",
                  "The caller: subject, tenant (absent for the platform operator), roles and"
                      + " credential (jwt or api_key)",
                  CallerView.class)),
          Map.entry(
              "countUnreadNotifications",
              new Answer(
                  "200", "How many of the caller's notifications are unread", UnreadCount.class)),
          Map.entry(
              "markNotificationRead",
              new Answer("200", "The notification, read", NotificationView.class)),
          Map.entry(
              "markAllNotificationsRead",
              new Answer("200", "How many notifications were marked read", MarkedRead.class)),
          Map.entry(
              "getVapidPublicKey",
              new Answer(
                  "200",
                  "The server's VAPID public key (base64url), the applicationServerKey of a"
                      + " browser's push subscription",
                  VapidPublicKey.class)),
          Map.entry(
              "listPushSubscriptions",
              new Answer("200", "The caller's push subscriptions", PushSubscriptionList.class)),
          Map.entry(
              "createPushSubscription",
              new Answer(
                  "201", "The push subscription; Location is its URL", PushSubscriptionView.class)),
          Map.entry(
              "deletePushSubscription", new Answer("204", "The subscription is deleted", null)),
          Map.entry(
              "listWebhooks",
              new Answer("200", "The tenant's webhook endpoints", WebhookList.class)),
          Map.entry(
              "createWebhook",
              new Answer(
                  "201",
                  "The endpoint and its signing secret (shown this once); Location is its URL",
                  CreatedWebhook.class)),
          Map.entry("getWebhook", new Answer("200", "The webhook endpoint", WebhookView.class)),
          Map.entry("updateWebhook", new Answer("200", "The endpoint, updated", WebhookView.class)),
          Map.entry("deleteWebhook", new Answer("204", "The endpoint is deleted", null)),
          Map.entry(
              "rotateWebhookSecret",
              new Answer(
                  "200",
                  "The new signing secret (shown this once) and until when the old one still signs",
                  RotatedSecret.class)),
          Map.entry(
              "testWebhook",
              new Answer("202", "The test message, queued for delivery", MessageView.class)),
          Map.entry(
              "listJobWebhookDeliveries",
              new Answer(
                  "200",
                  "A page of the job's messages to the tenant's endpoints, each with its endpoint;"
                      + " 'next' is the cursor of the following page, absent on the last",
                  JobDeliveryPage.class)),
          Map.entry(
              "listWebhookMessages",
              new Answer(
                  "200",
                  "A page of the endpoint's messages; 'next' is the cursor of the following page,"
                      + " absent on the last",
                  MessagePage.class)),
          Map.entry(
              "getWebhookMessage",
              new Answer(
                  "200",
                  "The message, its payload and its delivery attempts",
                  MessageDetail.class)),
          Map.entry(
              "resendWebhookMessage",
              new Answer("202", "The message, due again", MessageView.class)),
          Map.entry(
              "recoverWebhookMessages",
              new Answer("202", "How many messages were made due again", Recovered.class)),
          Map.entry(
              "listTenants",
              new Answer(
                  "200",
                  "A page of tenants; 'next' is the cursor of the following page, absent on the"
                      + " last",
                  TenantPage.class)),
          Map.entry("getTenant", new Answer("200", "The tenant", TenantView.class)),
          Map.entry(
              "sendWorkerCommand",
              new Answer(
                  "200",
                  "The worker's reply to the command; a shutdown is not answered (answered"
                      + " false)",
                  WorkerCommandOutcome.class)),
          Map.entry(
              "createTenant",
              new Answer("201", "The tenant registered; Location is its URL", TenantView.class)),
          Map.entry("updateTenant", new Answer("200", "The tenant, as changed", TenantView.class)));

  private SuccessAnswers() {}

  static final String RESULT_OPERATION = "getJobResult";

  /** Puts the operation's success answer in place of Payara's {@code default} one. */
  static void document(Operation operation, RecordSchemas schemas) {
    Answer answer = BY_OPERATION.get(operation.getOperationId());
    boolean result = RESULT_OPERATION.equals(operation.getOperationId());
    if (answer == null && !result) {
      return;
    }
    APIResponses responses = operation.getResponses();
    if (responses == null) {
      responses = OASFactory.createAPIResponses();
      operation.setResponses(responses);
    }
    responses.removeAPIResponse(APIResponses.DEFAULT);
    if (result) {
      responses.addAPIResponse("200", resultAnswer());
      return;
    }
    APIResponse response = OASFactory.createAPIResponse().description(answer.description());
    if (answer.body() != null) {
      Content content =
          OASFactory.createContent()
              .addMediaType(
                  jakarta.ws.rs.core.MediaType.APPLICATION_JSON,
                  OASFactory.createMediaType().schema(schemas.ref(answer.body())));
      response.content(content);
    }
    if ("201".equals(answer.status())) {
      response.addHeader(
          "Location",
          OASFactory.createHeader()
              .description("The URL of what was created")
              .schema(OASFactory.createSchema().type(SchemaType.STRING).format("uri-reference")));
    }
    responses.addAPIResponse(answer.status(), response);
  }

  /** A page of records: JSON with the cursor, NDJSON or CSV; the next page is in {@code Link}. */
  private static APIResponse resultAnswer() {
    Schema page =
        OASFactory.createSchema()
            .type(SchemaType.OBJECT)
            .addProperty(
                "items",
                OASFactory.createSchema()
                    .type(SchemaType.ARRAY)
                    .items(
                        OASFactory.createSchema()
                            .type(SchemaType.OBJECT)
                            .additionalPropertiesBoolean(Boolean.TRUE)
                            .description("One record as the worker wrote it")))
            .addProperty(
                "next",
                OASFactory.createSchema()
                    .type(SchemaType.STRING)
                    .description("The cursor of the following page; absent on the last"))
            .addRequired("items");
    Content content =
        OASFactory.createContent()
            .addMediaType(
                jakarta.ws.rs.core.MediaType.APPLICATION_JSON,
                OASFactory.createMediaType().schema(page))
            .addMediaType(
                "application/x-ndjson",
                OASFactory.createMediaType()
                    .schema(
                        OASFactory.createSchema()
                            .type(SchemaType.STRING)
                            .description("One record, a JSON object, per line")))
            .addMediaType(
                "text/csv",
                OASFactory.createMediaType()
                    .schema(
                        OASFactory.createSchema()
                            .type(SchemaType.STRING)
                            .description(
                                "RFC 4180 rows under a header of the job's fields; a cell a"
                                    + " spreadsheet would run as a formula starts with '")));
    return OASFactory.createAPIResponse()
        .description("A page of the job's records")
        .content(content)
        .addHeader(
            "Link",
            OASFactory.createHeader()
                .description("<URL>; rel=\"next\" when a following page exists")
                .schema(OASFactory.createSchema().type(SchemaType.STRING)));
  }
}
