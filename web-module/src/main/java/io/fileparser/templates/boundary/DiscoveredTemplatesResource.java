package io.fileparser.templates.boundary;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fileparser.api.ObjectMapperResolver;
import io.fileparser.problem.ProblemException;
import io.fileparser.problem.ProblemType;
import io.fileparser.security.Role;
import io.fileparser.security.boundary.AllowedRoles;
import io.fileparser.security.boundary.CallerResolver;
import io.fileparser.templates.TemplateDiscovery;
import io.fileparser.templates.TemplateProposalPage;
import io.fileparser.templates.TemplateProposalView;
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
import jakarta.ws.rs.core.MediaType;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code /template-proposals}: layouts no template fitted, proposed as templates, one per layout
 * with the number of jobs it was seen in. Every reader of the tenant lists and reads them; admins
 * and owners edit, approve (a template is made) and reject (the layout is not proposed again).
 */
@Path("template-proposals")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@AllowedRoles({Role.VIEWER, Role.MEMBER, Role.ADMIN, Role.OWNER, Role.SERVICE})
@Tag(name = "Templates")
public class DiscoveredTemplatesResource {

  @Inject TemplateDiscovery discovery;
  @Inject CallerResolver callers;

  @GET
  @Operation(
      operationId = "listTemplateProposals",
      summary = "List the tenant's discovered layouts (template proposals), oldest first")
  public TemplateProposalPage list(
      @Parameter(description = "DISCOVERED (default), APPROVED or REJECTED") @QueryParam("state")
          String state,
      @QueryParam("limit") @DefaultValue("50") String limit,
      @QueryParam("cursor") String cursor) {
    return discovery.list(callers.current(), state, limit, cursor);
  }

  @GET
  @Path("{proposalId}")
  @Operation(
      operationId = "getTemplateProposal",
      summary = "Read one proposal with its column profile and proposed document")
  public TemplateProposalView get(@PathParam("proposalId") UUID id) {
    return discovery.get(callers.current(), id);
  }

  @PUT
  @Path("{proposalId}")
  @Consumes(MediaType.APPLICATION_JSON)
  @AllowedRoles({Role.ADMIN, Role.OWNER})
  @Operation(
      operationId = "editTemplateProposal",
      summary = "Replace the proposed template document before approving it")
  public TemplateProposalView edit(@PathParam("proposalId") UUID id, Map<String, Object> document) {
    if (document == null) {
      throw new ProblemException(
          ProblemType.INVALID_REQUEST, "send a template document (docs/template-format.md)");
    }
    return discovery.edit(
        callers.current(), id, ObjectMapperResolver.mapper().valueToTree(document));
  }

  @POST
  @Path("{proposalId}/approve")
  @Consumes(MediaType.APPLICATION_JSON)
  @AllowedRoles({Role.ADMIN, Role.OWNER})
  @Operation(
      operationId = "approveTemplateProposal",
      summary =
          "Approve a proposal: a template is made of it (a draft, or published with publish=true)")
  public TemplateProposalView approve(
      @PathParam("proposalId") UUID id, @Valid ApproveProposalRequest request) {
    ApproveProposalRequest r = request == null ? new ApproveProposalRequest() : request;
    ObjectNode document =
        r.document == null ? null : ObjectMapperResolver.mapper().valueToTree(r.document);
    return discovery.approve(
        callers.current(),
        id,
        new TemplateDiscovery.Approval(r.name, document, Boolean.TRUE.equals(r.publish)));
  }

  @POST
  @Path("{proposalId}/reject")
  @Consumes(MediaType.APPLICATION_JSON)
  @AllowedRoles({Role.ADMIN, Role.OWNER})
  @Operation(
      operationId = "rejectTemplateProposal",
      summary = "Reject a proposal: its layout is not proposed again")
  public TemplateProposalView reject(
      @PathParam("proposalId") UUID id, @Valid RejectProposalRequest request) {
    return discovery.reject(callers.current(), id, request == null ? null : request.reason);
  }
}
