package io.fileparser.mapping.boundary;

import com.fasterxml.jackson.databind.JsonNode;
import io.fileparser.api.ObjectMapperResolver;
import io.fileparser.mapping.MappingDesk;
import io.fileparser.mapping.MappingPage;
import io.fileparser.mapping.MappingView;
import io.fileparser.mapping.MappingWorkflow;
import io.fileparser.mapping.SuggestedFields;
import io.fileparser.problem.ProblemException;
import io.fileparser.problem.ProblemType;
import io.fileparser.security.Role;
import io.fileparser.security.boundary.AllowedRoles;
import io.fileparser.security.boundary.CallerResolver;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code /mapping}: jobs whose columns a person maps. Viewers read; members (and admins, owners)
 * draft and submit; admins and owners approve or reject. Any drafter of the tenant may map any of
 * its waiting jobs: mapping is shared work, unlike cancelling someone's job.
 */
@Path("mapping")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@AllowedRoles({Role.VIEWER, Role.MEMBER, Role.ADMIN, Role.OWNER, Role.SERVICE})
@Tag(name = "Mapping")
public class MappingResource {

  private static final String EXAMPLE =
      "send {\"columns\": {\"<column header>\": \"<field>\", ...}} or {\"fields\": [<template"
          + " document fields>]}";

  @Inject MappingDesk desk;
  @Inject MappingWorkflow workflow;
  @Inject CallerResolver callers;

  @GET
  @Operation(
      operationId = "listMappings",
      summary =
          "List the tenant's jobs by mapping state (pending: waiting in NEEDS_MAPPING), oldest"
              + " first, with cursor pagination")
  public MappingPage list(
      @Parameter(description = "pending (default), approved or rejected") @QueryParam("state")
          String state,
      @QueryParam("limit") @DefaultValue("50") String limit,
      @QueryParam("cursor") String cursor) {
    return desk.list(callers.current(), state, limit, cursor);
  }

  @POST
  @Path("suggest")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      operationId = "suggestFields",
      summary =
          "Ranked fields, with confidence and reason, for the columns of a profile"
              + " ({\"columns\": [{\"name\", \"examples\"}]}) or a CSV sample ({\"csv\": ...})")
  public SuggestedFields suggest(Map<String, Object> body) {
    return desk.suggest(callers.current(), tree(body, "send {\"csv\": \"a,b\\n1,2\"}"));
  }

  @GET
  @Path("{jobId}")
  @Operation(
      operationId = "getMapping",
      summary = "A job's column profile, sample rows, ranked suggestions and mapping so far")
  public MappingView get(@PathParam("jobId") UUID jobId) {
    return desk.get(callers.current(), jobId);
  }

  @PUT
  @Path("{jobId}")
  @Consumes(MediaType.APPLICATION_JSON)
  @AllowedRoles({Role.MEMBER, Role.ADMIN, Role.OWNER})
  @Operation(
      operationId = "draftMapping",
      summary = "Save a draft mapping: column to field, or a template document's fields")
  public MappingView draft(@PathParam("jobId") UUID jobId, Map<String, Object> body) {
    return workflow.draft(callers.current(), jobId, tree(body, EXAMPLE));
  }

  @POST
  @Path("{jobId}/submit")
  @AllowedRoles({Role.MEMBER, Role.ADMIN, Role.OWNER})
  @Operation(
      operationId = "submitMapping",
      summary =
          "Check the draft against the sample rows (422 mapping_check_failed lists the problems"
              + " per field) and submit it for approval")
  public MappingView submit(@PathParam("jobId") UUID jobId) {
    return workflow.submit(callers.current(), jobId);
  }

  @POST
  @Path("{jobId}/approve")
  @Consumes(MediaType.APPLICATION_JSON)
  @AllowedRoles({Role.ADMIN, Role.OWNER})
  @Operation(
      operationId = "approveMapping",
      summary =
          "Approve the submitted mapping: the job is parsed again with it; saveAs makes it a new"
              + " template or a new version of one")
  public MappingView approve(@PathParam("jobId") UUID jobId, @Valid ApproveMappingRequest request) {
    SaveMappingAs saveAs = request == null ? null : request.saveAs;
    MappingWorkflow.SaveAs target = null;
    if (saveAs != null) {
      if ((saveAs.templateId == null) == (saveAs.name == null || saveAs.name.isBlank())) {
        throw new ProblemException(
            ProblemType.INVALID_REQUEST,
            "saveAs names either a templateId (a new version of it) or a name (a new template)",
            Map.of("member", "saveAs"));
      }
      target = new MappingWorkflow.SaveAs(saveAs.templateId, saveAs.name, saveAs.publish);
    }
    return workflow.approve(callers.current(), jobId, target);
  }

  @POST
  @Path("{jobId}/reject")
  @Consumes(MediaType.APPLICATION_JSON)
  @AllowedRoles({Role.ADMIN, Role.OWNER})
  @Operation(
      operationId = "rejectMapping",
      summary = "Reject the job's mapping: the job fails with the reason")
  public MappingView reject(
      @PathParam("jobId") UUID jobId, @Valid @NotNull RejectMappingRequest request) {
    return workflow.reject(callers.current(), jobId, request.reason.strip());
  }

  private static JsonNode tree(Map<String, Object> body, String example) {
    if (body == null) {
      throw new ProblemException(ProblemType.INVALID_REQUEST, example);
    }
    return ObjectMapperResolver.mapper().valueToTree(body);
  }
}
