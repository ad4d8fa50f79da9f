package io.fileparser.api;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.media.Schema.SchemaType;
import org.eclipse.microprofile.openapi.models.parameters.RequestBody;

/**
 * The request body of {@code uploadFile}: a {@code multipart/form-data} form or the raw file.
 *
 * <p>Two JAX-RS methods serve {@code POST /upload} (one per request type), and Payara documents
 * only the last it visits, with a bare object of any media type as body; a generated client could
 * then send no form. The form comes first: a generator that takes one request type takes it. The
 * raw body's options are the operation's query parameters; in a form they are fields.
 */
final class UploadRequestBody {

  static final String OPERATION_ID = "uploadFile";

  private UploadRequestBody() {}

  static RequestBody create() {
    Schema form =
        OASFactory.createSchema()
            .type(SchemaType.OBJECT)
            .addProperty(
                "file",
                OASFactory.createSchema()
                    .type(SchemaType.STRING)
                    .format("binary")
                    .description(
                        "The file (one); its content decides the format, its name is kept"))
            .addProperty("priority", digit("0 lowest .. 9 most urgent (default 5)"))
            .addProperty(
                "templateId",
                OASFactory.createSchema()
                    .type(SchemaType.STRING)
                    .format("uuid")
                    .description(
                        "The id of a template of the tenant, or of a system template, the parser"
                            + " should apply; it must have a published version (422"
                            + " template_not_found otherwise)"))
            .addProperty(
                "templateVersion",
                OASFactory.createSchema()
                    .type(SchemaType.INTEGER)
                    .minimum(java.math.BigDecimal.ONE)
                    .description(
                        "With templateId: a published version to pin instead of the current one"
                            + " (422 template_version_not_found otherwise)"))
            .addProperty(
                "metadata",
                OASFactory.createSchema()
                    .type(SchemaType.STRING)
                    .description("A JSON object kept with the job, e.g. {\"batch\":\"2026-11\"}"))
            .addProperty(
                "queuePriority",
                digit("Admins only: kombu's priority (0 first .. 9), overriding the computed one"))
            .addProperty(
                "dependsOn",
                OASFactory.createSchema()
                    .type(SchemaType.STRING)
                    .description(
                        "Ids of jobs of the tenant this job waits for (comma-separated, or a JSON"
                            + " array of strings): it stays WAITING until all have finished (422"
                            + " dependency_not_found for an id that is not a job of the tenant,"
                            + " too_many_dependencies past the limit)"))
            .addProperty(
                "onDependencyFailure",
                OASFactory.createSchema()
                    .type(SchemaType.STRING)
                    .addEnumeration("fail")
                    .addEnumeration("continue")
                    .description(
                        "With dependsOn: what a dependency that fails, is cancelled,"
                            + " dead-lettered or deleted does: fail (default; this job fails with"
                            + " the error category dependency_failed) or continue"))
            .addProperty(
                "scheduleAt",
                OASFactory.createSchema()
                    .type(SchemaType.STRING)
                    .format("date-time")
                    .description(
                        "An RFC 3339 instant before which the job does not enter the queue"
                            + " (SCHEDULED until then); a past instant means now, one beyond the"
                            + " horizon answers 422 schedule_too_far"))
            .addRequired("file");
    Content content =
        OASFactory.createContent()
            .addMediaType("multipart/form-data", OASFactory.createMediaType().schema(form))
            .addMediaType(
                "application/octet-stream",
                OASFactory.createMediaType()
                    .schema(OASFactory.createSchema().type(SchemaType.STRING).format("binary")));
    return OASFactory.createRequestBody()
        .required(true)
        .description(
            "A multipart/form-data form with the file in the field 'file', or the file as the raw"
                + " body (any content type) named by Content-Disposition, with the options as query"
                + " parameters")
        .content(content);
  }

  private static Schema digit(String description) {
    return OASFactory.createSchema()
        .type(SchemaType.INTEGER)
        .format("int32")
        .minimum(java.math.BigDecimal.ZERO)
        .maximum(java.math.BigDecimal.valueOf(9))
        .description(description);
  }
}
