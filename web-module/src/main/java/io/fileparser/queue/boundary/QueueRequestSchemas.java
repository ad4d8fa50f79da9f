package io.fileparser.queue.boundary;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.media.Schema.SchemaType;

/**
 * The schemas of the queue's request bodies as they are read. Payara's scanner leaves out the
 * {@code all} member of {@link DeadLetterSelectionBody} and documents {@code jobIds} without its
 * items' type, so a client generated from the document could not select all dead letters nor name
 * any; both bodies are written here whole.
 */
public final class QueueRequestSchemas {

  private QueueRequestSchemas() {}

  /** Replaces the scanned {@code PauseRequestBody} and {@code DeadLetterSelectionBody} schemas. */
  public static void document(Components components) {
    Map<String, Schema> schemas = components.getSchemas();
    if (schemas == null) {
      return;
    }
    if (schemas.containsKey("PauseRequestBody")) {
      Map<String, Schema> pause = new LinkedHashMap<>();
      pause.put(
          "scope",
          OASFactory.createSchema()
              .type(SchemaType.STRING)
              .enumeration(new ArrayList<>(List.of("tenant", "global")))
              .description("tenant: one tenant's dispatch; global: everyone's (the operator)"));
      pause.put(
          "tenantId",
          text(64, "The tenant to pause or resume (the operator; others act on their own)"));
      components.addSchema(
          "PauseRequestBody",
          OASFactory.createSchema()
              .type(SchemaType.OBJECT)
              .required(new ArrayList<>(List.of("scope")))
              .properties(pause));
    }
    if (schemas.containsKey("DeadLetterSelectionBody")) {
      Map<String, Schema> selection = new LinkedHashMap<>();
      selection.put(
          "jobIds",
          OASFactory.createSchema()
              .type(SchemaType.ARRAY)
              .maxItems(100_000)
              .description("The dead letters to act on, by job id")
              .items(OASFactory.createSchema().type(SchemaType.STRING).format("uuid")));
      selection.put(
          "all",
          OASFactory.createSchema()
              .type(SchemaType.BOOLEAN)
              .description("Every dead letter the caller administers, narrowed by the filters"));
      selection.put("tenantId", text(64, "With all: only this tenant's (the operator)"));
      selection.put("format", text(16, "With all: only this format (PDF, CSV, CDR, UNKNOWN)"));
      components.addSchema(
          "DeadLetterSelectionBody",
          OASFactory.createSchema()
              .type(SchemaType.OBJECT)
              .description("Either jobIds or all: true")
              .properties(selection));
    }
  }

  private static Schema text(int most, String description) {
    return OASFactory.createSchema()
        .type(SchemaType.STRING)
        .maxLength(most)
        .description(description);
  }
}
