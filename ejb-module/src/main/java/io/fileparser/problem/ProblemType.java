package io.fileparser.problem;

/**
 * The stable catalogue of errors the API answers with. The {@code code} is the machine name clients
 * switch on; it never changes once published. The {@code type} URI is derived from it.
 */
public enum ProblemType {
  AUTHENTICATION_REQUIRED(401, "authentication_required", "Authentication required"),
  INVALID_TOKEN(401, "invalid_token", "Invalid bearer token"),
  INVALID_API_KEY(401, "invalid_api_key", "Invalid API key"),
  FORBIDDEN(403, "forbidden", "Not allowed"),
  TENANT_MISSING(403, "tenant_missing", "No tenant in credentials"),
  ROLE_NOT_GRANTABLE(403, "role_not_grantable", "Role cannot be granted"),
  TENANT_DISABLED(403, "tenant_disabled", "Tenant disabled"),
  NOT_FOUND(404, "not_found", "Resource not found"),
  TENANT_NOT_FOUND(404, "tenant_not_found", "Tenant not found"),
  JOB_NOT_FOUND(404, "job_not_found", "Job not found"),
  API_KEY_NOT_FOUND(404, "api_key_not_found", "API key not found"),
  WORKER_NOT_FOUND(404, "worker_not_found", "Worker not found"),
  WEBHOOK_NOT_FOUND(404, "webhook_not_found", "Webhook endpoint not found"),
  WEBHOOK_MESSAGE_NOT_FOUND(404, "webhook_message_not_found", "Webhook message not found"),
  NOTIFICATION_NOT_FOUND(404, "notification_not_found", "Notification not found"),
  PUSH_SUBSCRIPTION_NOT_FOUND(404, "push_subscription_not_found", "Push subscription not found"),
  PUSH_NOT_CONFIGURED(404, "push_not_configured", "Web Push is not configured"),
  TEMPLATE_NOT_FOUND(404, "template_not_found", "Template not found"),
  TEMPLATE_VERSION_NOT_FOUND(404, "template_version_not_found", "Template version not found"),
  TEMPLATE_BACKTEST_NOT_FOUND(404, "template_backtest_not_found", "Template back-test not found"),
  TEMPLATE_PROPOSAL_NOT_FOUND(404, "template_proposal_not_found", "Template proposal not found"),
  UPLOAD_NOT_FOUND(404, "upload_not_found", "Resumable upload not found"),
  UPLOAD_GONE(410, "upload_gone", "Resumable upload expired or terminated"),
  UPLOAD_OFFSET_MISMATCH(409, "upload_offset_mismatch", "Upload-Offset does not match"),
  UPLOAD_LOCKED(423, "upload_locked", "Another request is writing to this upload"),
  FINAL_UPLOAD_READ_ONLY(403, "final_upload_read_only", "A final upload receives no chunks"),
  PARTIAL_UPLOAD_CONSUMED(
      409, "partial_upload_consumed", "The partial upload is joined by another final upload"),
  TUS_VERSION_UNSUPPORTED(412, "tus_version_unsupported", "Unsupported tus version"),
  CHECKSUM_MISMATCH(460, "checksum_mismatch", "Checksum mismatch"),
  CHECKSUM_ALGORITHM_UNSUPPORTED(
      400, "checksum_algorithm_unsupported", "Unsupported checksum algorithm"),
  UPLOAD_LENGTH_EXCEEDED(413, "upload_length_exceeded", "Chunk goes past Upload-Length"),
  METHOD_NOT_ALLOWED(405, "method_not_allowed", "Method not allowed"),
  JOB_NOT_CANCELLABLE(409, "job_not_cancellable", "Job cannot be cancelled"),
  JOB_NOT_RETRYABLE(409, "job_not_retryable", "Job cannot be retried"),
  JOB_NOT_HELD(409, "job_not_held", "Job is not waiting or scheduled"),
  DEPENDENCY_NOT_FOUND(422, "dependency_not_found", "Dependency not found"),
  TOO_MANY_DEPENDENCIES(422, "too_many_dependencies", "Too many dependencies"),
  SCHEDULE_TOO_FAR(422, "schedule_too_far", "Scheduled too far ahead"),
  BULK_OPERATION_NOT_FOUND(404, "bulk_operation_not_found", "Bulk operation not found"),
  BULK_LIMIT_EXCEEDED(422, "bulk_limit_exceeded", "Too many jobs for one bulk request"),
  JOB_NOT_AWAITING_MAPPING(409, "job_not_awaiting_mapping", "Job is not waiting for a mapping"),
  MAPPING_NOT_DRAFTED(409, "mapping_not_drafted", "No mapping drafted"),
  MAPPING_NOT_SUBMITTED(409, "mapping_not_submitted", "Mapping not submitted"),
  INVALID_MAPPING(422, "invalid_mapping", "Invalid mapping"),
  UNKNOWN_FIELD(422, "unknown_field", "Unknown field"),
  MAPPING_CHECK_FAILED(422, "mapping_check_failed", "Mapping does not fit the sample rows"),
  SUGGESTIONS_UNAVAILABLE(503, "suggestions_unavailable", "Suggestions unavailable"),
  RESULT_NOT_AVAILABLE(409, "result_not_available", "Result not available"),
  TENANT_EXISTS(409, "tenant_exists", "Tenant already exists"),
  TEMPLATE_NAME_TAKEN(409, "template_name_taken", "Template name already taken"),
  TEMPLATE_VERSION_NOT_DRAFT(409, "template_version_not_draft", "Template version is not a draft"),
  TEMPLATE_ARCHIVED(409, "template_archived", "Template is archived"),
  TEMPLATE_BACKTEST_NO_FILES(
      409, "template_backtest_no_files", "No files of the template to back-test on"),
  TEMPLATE_READ_ONLY(403, "template_read_only", "System templates are read-only"),
  TEMPLATE_PROPOSAL_DECIDED(
      409, "template_proposal_decided", "Template proposal already approved or rejected"),
  NOT_ACCEPTABLE(406, "not_acceptable", "Not acceptable"),
  INVALID_REQUEST(400, "invalid_request", "Invalid request"),
  INVALID_TEMPLATE_BUNDLE(400, "invalid_template_bundle", "Malformed template bundle"),
  MALFORMED_JSON(400, "malformed_json", "Malformed JSON"),
  MALFORMED_MULTIPART(400, "malformed_multipart", "Malformed multipart body"),
  MISSING_FILE(400, "missing_file", "No file in the request"),
  MULTIPLE_FILES(400, "multiple_files", "More than one file in the request"),
  UNEXPECTED_PART(400, "unexpected_part", "Unexpected part in the form"),
  INVALID_FILENAME(400, "invalid_filename", "Invalid file name"),
  EMPTY_FILE(400, "empty_file", "Empty file"),
  INCOMPLETE_UPLOAD(400, "incomplete_upload", "Upload body ended early"),
  INVALID_CURSOR(400, "invalid_cursor", "Invalid cursor"),
  INVALID_PERIOD(400, "invalid_period", "Unknown usage period"),
  INVALID_DATE(400, "invalid_date", "Invalid date"),
  INVALID_RANGE(400, "invalid_range", "Range ends before it starts"),
  RANGE_TOO_LONG(400, "range_too_long", "Range too long"),
  PUSH_ENDPOINT_NOT_ALLOWED(400, "push_endpoint_not_allowed", "Push endpoint not allowed"),
  FILE_TOO_LARGE(413, "file_too_large", "File too large"),
  FORM_TOO_LARGE(413, "form_too_large", "Too many parts or form fields too long"),
  TEMPLATE_BUNDLE_TOO_LARGE(413, "template_bundle_too_large", "Template bundle too large"),
  UNSUPPORTED_FORMAT(415, "unsupported_format", "Unsupported file format"),
  UNSUPPORTED_MEDIA_TYPE(415, "unsupported_media_type", "Unsupported media type"),
  FORMAT_MISMATCH(415, "format_mismatch", "Content does not match the declared type"),
  MALWARE_DETECTED(422, "malware_detected", "Malware detected"),
  SCAN_LIMIT_EXCEEDED(422, "scan_limit_exceeded", "File too large to scan"),
  PDF_MALFORMED(422, "pdf_malformed", "Malformed PDF"),
  PDF_ENCRYPTED(422, "pdf_encrypted", "Password-protected PDF"),
  PDF_ACTIVE_CONTENT(422, "pdf_active_content", "PDF with active content"),
  PDF_TOO_MANY_PAGES(413, "pdf_too_many_pages", "PDF has too many pages"),
  CSV_RAGGED_ROWS(422, "csv_ragged_rows", "Inconsistent CSV rows"),
  CSV_TOO_MANY_COLUMNS(422, "csv_too_many_columns", "Too many CSV columns"),
  CSV_LINE_TOO_LONG(422, "csv_line_too_long", "CSV line too long"),
  CSV_ENCODING(422, "csv_encoding", "Unreadable text encoding"),
  CDR_LAYOUT_UNKNOWN(422, "cdr_layout_unknown", "Call records do not keep to one layout"),
  GZIP_BOMB(413, "gzip_bomb", "Decompression limit exceeded"),
  GZIP_CORRUPT(400, "gzip_corrupt", "Corrupt gzip data"),
  INVALID_TEMPLATE(422, "invalid_template", "Invalid template document"),
  TEMPLATE_BUNDLE_VERSION_UNSUPPORTED(
      422, "template_bundle_version_unsupported", "Unsupported template bundle format version"),
  /** An upload names a template the tenant cannot use: same code as the 404, answered 422. */
  UPLOAD_TEMPLATE_NOT_FOUND(422, "template_not_found", "Template not found"),
  UPLOAD_TEMPLATE_VERSION_NOT_FOUND(
      422, "template_version_not_found", "Template version not found or not published"),
  INVALID_TENANT_SETTING(422, "invalid_tenant_setting", "Invalid tenant setting"),
  INVALID_WORKER_COMMAND(422, "invalid_worker_command", "Invalid worker command"),
  WEBHOOK_TARGET_REFUSED(422, "webhook_target_refused", "Webhook URL points at a refused address"),
  IDEMPOTENCY_KEY_REUSED(
      422, "idempotency_key_reused", "Idempotency key already used for another request"),
  TOO_MANY_CONNECTIONS(429, "too_many_connections", "Too many connections"),
  RATE_LIMITED(429, "rate_limited", "Too many requests"),
  TOO_MANY_UPLOADS(429, "too_many_uploads", "Too many uploads at once"),
  INTERNAL_ERROR(500, "internal_error", "Internal error"),
  WORKER_NO_REPLY(504, "worker_no_reply", "The worker did not reply"),
  SERVICE_UNAVAILABLE(503, "service_unavailable", "Service temporarily unavailable"),
  STORAGE_UNAVAILABLE(503, "storage_unavailable", "Storage unavailable");

  private static final String TYPE_PREFIX = "urn:fileparser:problem:";

  /** The type with this machine code, if any. */
  public static java.util.Optional<ProblemType> byCode(String code) {
    for (ProblemType type : values()) {
      if (type.code.equals(code)) {
        return java.util.Optional.of(type);
      }
    }
    return java.util.Optional.empty();
  }

  private final int status;
  private final String code;
  private final String title;

  ProblemType(int status, String code, String title) {
    this.status = status;
    this.code = code;
    this.title = title;
  }

  public int status() {
    return status;
  }

  public String code() {
    return code;
  }

  public String title() {
    return title;
  }

  /** The RFC 9457 {@code type} member: a URN, stable and not pretending to be a web page. */
  public String type() {
    return TYPE_PREFIX + code;
  }
}
