package io.fileparser.tenants.boundary;

import io.fileparser.api.Problems;
import io.fileparser.problem.ProblemException;
import io.fileparser.problem.ProblemType;
import io.fileparser.security.Caller;
import io.fileparser.security.TenantProfiles;
import io.fileparser.security.boundary.CallerResolver;
import io.fileparser.security.boundary.RequestTenantProfile;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.ext.Provider;
import java.util.Map;

/**
 * Refuses every request of a disabled tenant's callers, bearer token or API key alike, with 403
 * {@code tenant_disabled}, after the role checks and before the rate limit (a refused request costs
 * nothing). The tenant's profile is read on every request ({@link TenantProfiles}, once per request
 * through {@link RequestTenantProfile}, which the rate limit reads too), so disabling refuses the
 * very next request and enabling lets it through, on every instance. The platform operator, whose
 * token names no tenant, is never refused here.
 */
@Provider
@ApplicationScoped
@Priority(Priorities.AUTHORIZATION + 50)
public class TenantGate implements ContainerRequestFilter {

  @Inject CallerResolver callers;
  @Inject RequestTenantProfile profiles;

  @Override
  public void filter(ContainerRequestContext request) {
    if (request.getSecurityContext().getUserPrincipal() == null) {
      return; // not authenticated: the resource's role check answers 401
    }
    Caller caller;
    try {
      caller = callers.current();
    } catch (ProblemException e) {
      return; // no tenant: the operator, or the resource answers tenant_missing
    }
    if (!profiles.of(caller.tenantId()).enabled()) {
      request.abortWith(
          Problems.response(
              ProblemType.TENANT_DISABLED,
              "the tenant is disabled; its callers are refused until the platform operator"
                  + " enables it again",
              request.getUriInfo().getRequestUri().getPath(),
              Map.of("tenantId", caller.tenantId())));
    }
  }
}
