package io.fileparser.templates.boundary;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.fileparser.api.ObjectMapperResolver;
import io.fileparser.backtests.TemplateBacktestView;
import io.fileparser.backtests.TemplateBacktests;
import io.fileparser.problem.InputLimits;
import io.fileparser.problem.ProblemException;
import io.fileparser.problem.ProblemType;
import io.fileparser.security.Role;
import io.fileparser.security.boundary.AllowedRoles;
import io.fileparser.security.boundary.CallerResolver;
import io.fileparser.templates.BundleImportReport;
import io.fileparser.templates.TemplateBundle;
import io.fileparser.templates.TemplateBundles;
import io.fileparser.templates.TemplateCatalog;
import io.fileparser.templates.TemplateDiff;
import io.fileparser.templates.TemplatePage;
import io.fileparser.templates.TemplateQuery;
import io.fileparser.templates.TemplateVersionList;
import io.fileparser.templates.TemplateVersionView;
import io.fileparser.templates.TemplateView;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code /templates}: the tenant's templates and the read-only system ones, their immutable
 * versions and diffs, and bundles of them. Viewers read and export; members create, edit (a draft)
 * and copy; admins and owners publish, archive and import. The document format is
 * docs/template-format.md.
 */
@Path("templates")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@AllowedRoles({Role.VIEWER, Role.MEMBER, Role.ADMIN, Role.OWNER, Role.SERVICE})
@Tag(name = "Templates")
public class TemplatesResource {

  private static final String EXAMPLE =
      "send a template document (docs/template-format.md) such as {\"name\": \"Calls\","
          + " \"format\": \"CSV\", \"confidenceThreshold\": 0.8, \"fields\": [{\"name\":"
          + " \"caller\", \"type\": \"phone\", \"required\": true, \"locate\": {\"index\": 0}}]}";

  @Inject TemplateCatalog catalog;
  @Inject TemplateBacktests backtests;
  @Inject TemplateBundles bundles;
  @Inject CallerResolver callers;

  @GET
  @Operation(
      operationId = "listTemplates",
      summary = "List the tenant's templates and the system templates, with cursor pagination")
  public TemplatePage list(
      @Parameter(description = "Formats: CSV, PDF, CDR") @QueryParam("format") List<String> formats,
      @Parameter(description = "ACTIVE (default) or ARCHIVED") @QueryParam("state")
          List<String> states,
      @QueryParam("limit") @DefaultValue("50") String limit,
      @QueryParam("cursor") String cursor) {
    return catalog.list(callers.current(), TemplateQuery.parse(formats, states, limit, cursor));
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @AllowedRoles({Role.MEMBER, Role.ADMIN, Role.OWNER})
  @Operation(
      operationId = "createTemplate",
      summary = "Create a template; its version 1 is a draft until an admin publishes it")
  public Response create(Map<String, Object> document, @Context UriInfo uri) {
    TemplateView created = catalog.create(callers.current(), tree(document));
    return Response.created(uri.getAbsolutePathBuilder().path(created.id().toString()).build())
        .entity(created)
        .build();
  }

  @GET
  @Path("export")
  @Operation(
      operationId = "exportTemplates",
      summary =
          "Export templates with every version as a bundle: the chosen ones, or every active"
              + " template of the tenant")
  public TemplateBundle exportAll(
      @Parameter(description = "Template ids (repeat, or comma-separated); none: all active")
          @QueryParam("id")
          List<String> ids) {
    return bundles.export(callers.current(), ids(ids));
  }

  @POST
  @Path("import")
  @Consumes(MediaType.APPLICATION_JSON)
  @AllowedRoles({Role.ADMIN, Role.OWNER})
  @Operation(
      operationId = "importTemplates",
      summary =
          "Import a bundle: new templates created, known ones updated with the versions they lack,"
              + " conflicts reported per template; dryRun=true writes nothing")
  public BundleImportReport importBundle(
      @Parameter(description = "true: report what an import would do, change nothing")
          @QueryParam("dryRun")
          String dryRun,
      InputStream bundle)
      throws JsonProcessingException {
    boolean dry = flag(dryRun, "dryRun");
    JsonNode tree = BundleBody.read(bundle, bundles.maxBundleBytes());
    return bundles.importBundle(callers.current(), tree, dry);
  }

  @GET
  @Path("{templateId}/export")
  @Operation(
      operationId = "exportTemplate",
      summary = "Export one template with every version as a bundle (a system one as a reference)")
  public TemplateBundle export(@PathParam("templateId") UUID id) {
    return bundles.export(callers.current(), id);
  }

  @GET
  @Path("{templateId}")
  @Operation(operationId = "getTemplate", summary = "Read one template")
  public TemplateView get(@PathParam("templateId") UUID id) {
    return catalog.get(callers.current(), id);
  }

  @PUT
  @Path("{templateId}")
  @Consumes(MediaType.APPLICATION_JSON)
  @AllowedRoles({Role.MEMBER, Role.ADMIN, Role.OWNER})
  @Operation(
      operationId = "editTemplate",
      summary =
          "Edit a template: the document becomes a new draft version, or replaces the open draft")
  public TemplateVersionView edit(@PathParam("templateId") UUID id, Map<String, Object> document) {
    return catalog.edit(callers.current(), id, tree(document));
  }

  @POST
  @Path("{templateId}/archive")
  @AllowedRoles({Role.ADMIN, Role.OWNER})
  @Operation(
      operationId = "archiveTemplate",
      summary = "Archive a template: out of the list and of new uploads; pinned jobs keep it")
  public TemplateView archive(@PathParam("templateId") UUID id) {
    return catalog.archive(callers.current(), id);
  }

  @POST
  @Path("{templateId}/copy")
  @Consumes(MediaType.APPLICATION_JSON)
  @AllowedRoles({Role.MEMBER, Role.ADMIN, Role.OWNER})
  @Operation(
      operationId = "copyTemplate",
      summary = "Copy a template (a system one, typically) into the tenant as a new draft")
  public Response copy(
      @PathParam("templateId") UUID id, @Valid CopyTemplateRequest request, @Context UriInfo uri) {
    TemplateView created =
        catalog.copy(callers.current(), id, request == null ? null : request.name);
    return Response.created(
            uri.getBaseUriBuilder().path("templates").path(created.id().toString()).build())
        .entity(created)
        .build();
  }

  @GET
  @Path("{templateId}/versions")
  @Operation(operationId = "listTemplateVersions", summary = "List a template's versions")
  public TemplateVersionList versions(@PathParam("templateId") UUID id) {
    return catalog.versions(callers.current(), id);
  }

  @GET
  @Path("{templateId}/versions/{version}")
  @Operation(operationId = "getTemplateVersion", summary = "Read version n with its document")
  public TemplateVersionView version(
      @PathParam("templateId") UUID id, @PathParam("version") int version) {
    return catalog.version(callers.current(), id, version);
  }

  @POST
  @Path("{templateId}/versions/{version}/publish")
  @AllowedRoles({Role.ADMIN, Role.OWNER})
  @Operation(
      operationId = "publishTemplateVersion",
      summary = "Publish draft version n: uploads use it from now on")
  public TemplateView publish(@PathParam("templateId") UUID id, @PathParam("version") int version) {
    return catalog.publish(callers.current(), id, version);
  }

  @POST
  @Path("{templateId}/versions/{version}/backtest")
  @AllowedRoles({Role.MEMBER, Role.ADMIN, Role.OWNER})
  @Operation(
      operationId = "backtestTemplateVersion",
      summary =
          "Back-test draft version n against the current version on the tenant's most recent"
              + " files of the template, without touching their jobs; answered at once, read the"
              + " back-test until it is COMPLETED")
  public Response backtest(
      @PathParam("templateId") UUID id, @PathParam("version") int version, @Context UriInfo uri) {
    TemplateBacktestView started = backtests.start(callers.current(), id, version);
    return Response.accepted(started)
        .location(
            uri.getBaseUriBuilder()
                .path("templates")
                .path(id.toString())
                .path("backtests")
                .path(started.id().toString())
                .build())
        .build();
  }

  @GET
  @Path("{templateId}/backtests/{backtestId}")
  @Operation(
      operationId = "getTemplateBacktest",
      summary = "Read a back-test: RUNNING, then COMPLETED with what would change, or FAILED")
  public TemplateBacktestView backtestResult(
      @PathParam("templateId") UUID id, @PathParam("backtestId") UUID backtestId) {
    return backtests.get(callers.current(), id, backtestId);
  }

  @GET
  @Path("{templateId}/diff")
  @Operation(
      operationId = "diffTemplateVersions",
      summary = "What changed between two versions, field by field")
  public TemplateDiff diff(
      @PathParam("templateId") UUID id,
      @Parameter(description = "The earlier version", required = true) @QueryParam("from")
          String from,
      @Parameter(description = "The later version", required = true) @QueryParam("to") String to) {
    return catalog.diff(callers.current(), id, version(from, "from"), version(to, "to"));
  }

  private static List<UUID> ids(List<String> values) {
    List<UUID> ids = new java.util.ArrayList<>();
    for (String value : values == null ? List.<String>of() : values) {
      for (String item : value.split(",")) {
        if (item.isBlank()) {
          continue;
        }
        try {
          ids.add(UUID.fromString(item.strip()));
        } catch (IllegalArgumentException e) {
          throw new ProblemException(
              ProblemType.INVALID_REQUEST,
              "id must be a template id (a UUID)",
              Map.of("parameter", "id"));
        }
      }
    }
    if (ids.size() > TemplateBundle.MAX_TEMPLATES) {
      throw new ProblemException(
          ProblemType.INVALID_REQUEST,
          "at most " + TemplateBundle.MAX_TEMPLATES + " ids",
          Map.of("parameter", "id"));
    }
    return ids;
  }

  private static boolean flag(String value, String name) {
    if (value == null || value.isBlank() || value.equalsIgnoreCase("false")) {
      return false;
    }
    if (value.equalsIgnoreCase("true")) {
      return true;
    }
    throw new ProblemException(
        ProblemType.INVALID_REQUEST, name + " is true or false", Map.of("parameter", name));
  }

  private static int version(String value, String name) {
    OptionalInt number = value == null ? OptionalInt.empty() : InputLimits.wholeNumber(value);
    if (number.isEmpty() || number.getAsInt() < 1) {
      throw new ProblemException(
          ProblemType.INVALID_REQUEST, name + " must be a version number from 1");
    }
    return number.getAsInt();
  }

  private static JsonNode tree(Map<String, Object> document) {
    if (document == null) {
      throw new ProblemException(ProblemType.INVALID_REQUEST, EXAMPLE);
    }
    return ObjectMapperResolver.mapper().valueToTree(document);
  }
}
