package io.fileparser.api;

import io.fileparser.health.HealthReport;
import io.fileparser.jobs.JobHistory;
import io.fileparser.jobs.JobPage;
import io.fileparser.jobs.JobView;
import io.fileparser.progress.WorkerList;
import io.fileparser.resumable.UploadStatus;
import io.fileparser.security.ApiKeyList;
import io.fileparser.security.CreatedApiKey;
import io.fileparser.security.WebSocketTickets;
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
                      + " Idempotency-Key",
                  JobView.class)),
          Map.entry("getJob", new Answer("200", "The job", JobView.class)),
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
          Map.entry("cancelJob", new Answer("200", "The job, cancelled", JobView.class)),
          Map.entry("withdrawJob", new Answer("200", "The job, withdrawn", JobView.class)),
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
              "getPlatformHealth",
              new Answer("200", "Every dependency and its state", HealthReport.Report.class)));

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
