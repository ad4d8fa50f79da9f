package io.fileparser.jobcontrol.boundary;

import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.media.Schema.SchemaType;

/**
 * The schemas of a bulk request's body as it is read. Payara's scanner documents the nested {@link
 * BulkFilter} with its lists' item types and its other members missing, and {@code jobIds} as a
 * list of objects, which the published document must not say (a client generated from it could not
 * build a request).
 */
public final class BulkRequestSchemas {

  private BulkRequestSchemas() {}

  /** Puts the right {@code BulkFilter} schema and {@code jobIds} items into {@code components}. */
  public static void document(Components components) {
    Map<String, Schema> schemas = components.getSchemas();
    if (schemas == null || !schemas.containsKey("BulkRequestBody")) {
      return;
    }
    Map<String, Schema> filter = new LinkedHashMap<>();
    filter.put("state", strings(20, "Job states (any case)"));
    filter.put("format", strings(10, "Formats: PDF, CSV, CDR"));
    filter.put("priority", strings(10, "Priorities 0-9"));
    filter.put("createdFrom", text("Jobs created at or after this instant (ISO-8601)"));
    filter.put("createdTo", text("Jobs created before this instant (ISO-8601)"));
    filter.put("completedFrom", text("Jobs finished at or after this instant (ISO-8601)"));
    filter.put("completedTo", text("Jobs finished before this instant (ISO-8601)"));
    filter.put("filename", text("A part of the file name"));
    filter.put("q", text("Text search over the file name and the metadata, as GET /jobs"));
    filter.put("template", text("Template asked for at upload or matched by the worker"));
    filter.put("templateVersion", text("Version of that template (needs template)"));
    filter.put("needsMapping", text("true or false, as GET /jobs"));
    filter.put("errorCategory", strings(20, "Categories of the last failure"));
    filter.put("submittedBy", text("The caller who uploaded the job"));
    filter.put("metadata", strings(10, "Metadata conditions key:value"));
    components.addSchema(
        "BulkFilter",
        OASFactory.createSchema()
            .type(SchemaType.OBJECT)
            .description("The jobs of the tenant a bulk request acts on; empty means every job")
            .properties(filter));
    Schema body = schemas.get("BulkRequestBody");
    if (body.getProperties() != null && body.getProperties().containsKey("jobIds")) {
      body.getProperties()
          .get("jobIds")
          .items(OASFactory.createSchema().type(SchemaType.STRING).format("uuid"));
    }
  }

  private static Schema strings(int most, String description) {
    return OASFactory.createSchema()
        .type(SchemaType.ARRAY)
        .maxItems(most)
        .description(description)
        .items(OASFactory.createSchema().type(SchemaType.STRING));
  }

  private static Schema text(String description) {
    return OASFactory.createSchema().type(SchemaType.STRING).description(description);
  }
}
