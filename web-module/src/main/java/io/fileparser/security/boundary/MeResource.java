package io.fileparser.security.boundary;

import io.fileparser.security.CallerView;
import io.fileparser.security.Role;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code GET /me}: who the credentials of this request name, so that a client (the console) can
 * show the caller and offer what its roles allow. The platform operator has no tenant.
 */
@Path("me")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@AllowedRoles({Role.VIEWER, Role.MEMBER, Role.SERVICE, Role.ADMIN, Role.OWNER, Role.OPERATOR})
@Tag(name = "Authentication")
public class MeResource {

  @Inject CallerResolver callers;
  @Inject HttpServletRequest request;

  @GET
  @Operation(operationId = "getCaller", summary = "Who the request's credentials name")
  public CallerView get() {
    Set<String> roles = grantedRoles();
    if (roles.stream().noneMatch(Role.TENANT_ROLES::contains)) {
      // Only the operator's role: a caller of the platform, of no tenant.
      return CallerView.platform(callers.subject(), roles);
    }
    return CallerView.of(callers.current());
  }

  @SuppressWarnings("unchecked")
  private Set<String> grantedRoles() {
    return request.getAttribute(CredentialsMechanism.ROLES_ATTRIBUTE) instanceof Set<?> roles
        ? (Set<String>) roles
        : Set.of();
  }
}
