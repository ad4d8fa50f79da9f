package io.fileparser.security.boundary;

import io.fileparser.problem.ProblemException;
import io.fileparser.problem.ProblemType;
import io.fileparser.security.ApiKeyList;
import io.fileparser.security.ApiKeyService;
import io.fileparser.security.CreatedApiKey;
import io.fileparser.security.Role;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** API keys of the caller's tenant: admins and owners create, list and revoke them. */
@Path("api-keys")
@RequestScoped
@AllowedRoles({Role.ADMIN, Role.OWNER})
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "API keys")
public class ApiKeysResource {

  @Inject ApiKeyService apiKeys;
  @Inject CallerResolver callers;

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      operationId = "createApiKey",
      summary =
          "Create an API key, optionally expiring at expiresAt; the secret is in this answer only")
  public Response create(@Valid CreateApiKeyRequest request, @Context UriInfo uri) {
    if (request == null) {
      throw new ProblemException(
          ProblemType.INVALID_REQUEST, "send a JSON body such as {\"name\": \"ci\"}");
    }
    CreatedApiKey created =
        apiKeys.create(
            callers.current(),
            request.name.strip(),
            request.roles == null ? Set.of() : request.roles,
            request.expiresAt);
    return Response.created(
            uri.getAbsolutePathBuilder().path(created.key().id().toString()).build())
        .entity(created)
        .build();
  }

  @GET
  @Operation(
      operationId = "listApiKeys",
      summary =
          "List the tenant's API keys (never their secrets), with their expiry and last use (to the"
              + " minute)")
  public ApiKeyList list() {
    return new ApiKeyList(apiKeys.list(callers.current()));
  }

  @DELETE
  @Path("{id}")
  @Operation(
      operationId = "revokeApiKey",
      summary =
          "Revoke an API key; it stops working at once. Only an owner revokes a key holding owner")
  public Response revoke(@PathParam("id") UUID id) {
    apiKeys.revoke(callers.current(), id);
    return Response.noContent().build();
  }
}
