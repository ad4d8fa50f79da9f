package io.fileparser.api;

import io.fileparser.jobcontrol.boundary.BulkRequestSchemas;
import io.fileparser.queue.boundary.QueueRequestSchemas;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.tags.Tag;

/**
 * Completes the published OpenAPI document (configured as {@code mp.openapi.filter}): the RFC 9457
 * problem answers of every operation ({@link ProblemAnswers}), its success answer with the schema
 * of the record it writes ({@link SuccessAnswers}, {@link RecordSchemas}), the upload's request
 * body ({@link UploadRequestBody}), ids as UUID strings, one relative server, each tag once, and
 * nothing the OpenAPI specification does not define. A client generated from the document can then
 * call every documented operation and read its answers.
 */
public class OpenApiDocumentFilter implements OASFilter {

  private static final Logger LOG = Logger.getLogger(OpenApiDocumentFilter.class.getName());

  /**
   * The {@link java.time.Instant} members of the request types Payara scans itself, by schema name:
   * it documents them as bare objects (and ignores a {@code @Schema} type that says otherwise),
   * where the API reads ISO-8601 strings.
   */
  static final Map<String, List<String>> REQUEST_TIMES =
      Map.of("CreateApiKeyRequest", List.of("expiresAt"));

  /**
   * The sets of strings in request types: Payara documents a {@code Set<String>} with a size
   * constraint as an array without {@code items}, which a generator refuses as invalid.
   */
  static final Map<String, List<String>> REQUEST_STRING_SETS =
      Map.of(
          "CreateWebhookRequest", List.of("eventTypes"),
          "UpdateWebhookRequest", List.of("eventTypes"));

  @Override
  public void filterOpenAPI(OpenAPI openAPI) {
    // The host that serves this document serves the API: one relative server, no host name.
    openAPI.setServers(
        new ArrayList<>(
            List.of(
                OASFactory.createServer()
                    .url("/")
                    .description("The host that serves this document"))));
    ProblemAnswers.addComponents(components(openAPI));
    RecordSchemas schemas = new RecordSchemas();
    if (openAPI.getPaths() != null && openAPI.getPaths().getPathItems() != null) {
      for (PathItem item : openAPI.getPaths().getPathItems().values()) {
        if (item.getOperations() != null) {
          for (Operation operation : item.getOperations().values()) {
            ProblemAnswers.document(operation);
            SuccessAnswers.document(operation, schemas);
            documentIds(operation);
            if (UploadRequestBody.OPERATION_ID.equals(operation.getOperationId())) {
              operation.setRequestBody(UploadRequestBody.create());
            }
          }
        }
      }
    }
    schemas.all().forEach(openAPI.getComponents()::addSchema);
    BulkRequestSchemas.document(openAPI.getComponents());
    QueueRequestSchemas.document(openAPI.getComponents());
    documentTimes(openAPI.getComponents());
    openAPI.setTags(distinctTags(openAPI.getTags()));
    dropEndpoints(openAPI);
  }

  private static Components components(OpenAPI openAPI) {
    Components components = openAPI.getComponents();
    if (components == null) {
      components = OASFactory.createComponents();
      openAPI.setComponents(components);
    }
    return components;
  }

  private static void documentTimes(Components components) {
    if (components.getSchemas() == null) {
      return;
    }
    REQUEST_TIMES.forEach(
        (name, members) -> {
          Schema schema = components.getSchemas().get(name);
          if (schema == null || schema.getProperties() == null) {
            return;
          }
          for (String member : members) {
            if (schema.getProperties().containsKey(member)) {
              schema.addProperty(
                  member,
                  OASFactory.createSchema().type(Schema.SchemaType.STRING).format("date-time"));
            }
          }
        });
    REQUEST_STRING_SETS.forEach(
        (name, members) -> {
          Schema schema = components.getSchemas().get(name);
          if (schema == null || schema.getProperties() == null) {
            return;
          }
          for (String member : members) {
            Schema array = schema.getProperties().get(member);
            if (array != null && array.getItems() == null) {
              array.items(OASFactory.createSchema().type(Schema.SchemaType.STRING));
              array.uniqueItems(Boolean.TRUE);
            }
          }
        });
  }

  /**
   * Every path parameter of this API is an id, a {@link java.util.UUID}, which Payara documents as
   * a bare object (a generator would then send its {@code toString()} of a map): it is a UUID
   * string, and a path parameter is always required.
   */
  private static void documentIds(Operation operation) {
    if (operation.getParameters() == null) {
      return;
    }
    for (Parameter parameter : operation.getParameters()) {
      if (parameter.getIn() == Parameter.In.PATH) {
        parameter.setRequired(true);
        Schema schema = parameter.getSchema();
        if (schema == null
            || schema.getType() == null
            || schema.getType() == Schema.SchemaType.OBJECT) {
          parameter.setSchema(
              OASFactory.createSchema().type(Schema.SchemaType.STRING).format("uuid"));
        }
      }
    }
  }

  /** Each tag once, keeping the first that has a description. */
  static List<Tag> distinctTags(List<Tag> tags) {
    if (tags == null) {
      return null;
    }
    Map<String, Tag> byName = new LinkedHashMap<>();
    for (Tag tag : tags) {
      Tag seen = byName.get(tag.getName());
      if (seen == null || (seen.getDescription() == null && tag.getDescription() != null)) {
        byName.put(tag.getName(), tag);
      }
    }
    return new ArrayList<>(byName.values());
  }

  /**
   * Payara's model adds a top-level {@code endpoints} map that is not part of OpenAPI. It has no
   * API of its own, so it is emptied by reflection (Payara writes the document leaving out empty
   * values; null would break its copy of the model); where the method is missing, nothing happens.
   */
  static void dropEndpoints(OpenAPI openAPI) {
    for (Class<?> type = openAPI.getClass(); type != null; type = type.getSuperclass()) {
      for (Method method : type.getDeclaredMethods()) {
        if (method.getName().equals("setEndpoints") && method.getParameterCount() == 1) {
          try {
            method.setAccessible(true);
            method.invoke(openAPI, new TreeMap<String, Set<String>>());
          } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.log(Level.FINE, "could not drop the endpoints property", e);
          }
          return;
        }
      }
    }
  }
}
