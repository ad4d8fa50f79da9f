package io.fileparser.ratelimit.boundary;

import io.fileparser.api.Problems;
import io.fileparser.problem.ProblemException;
import io.fileparser.problem.ProblemType;
import io.fileparser.ratelimit.EndpointClass;
import io.fileparser.ratelimit.RateDecision;
import io.fileparser.ratelimit.RateLimiter;
import io.fileparser.ratelimit.UploadSlots;
import io.fileparser.security.Caller;
import io.fileparser.security.TenantProfile;
import io.fileparser.security.boundary.CallerResolver;
import io.fileparser.security.boundary.RequestTenantProfile;
import io.fileparser.usage.ApiCallLedger;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.ext.Provider;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

/**
 * Takes each authenticated request from its principal's bucket for the request's {@link
 * EndpointClass}. Runs after the role checks ({@code @AllowedRoles}), so a request refused for its
 * credentials or roles costs nothing; a request over the limit is answered 429 {@code rate_limited}
 * with {@code Retry-After} before any work is done. Every limited answer, the 429 included, carries
 * the policy and the caller's standing in the IETF {@code RateLimit-Policy} and {@code RateLimit}
 * fields (draft-ietf-httpapi-ratelimit-headers). A request let through is counted for the tenant's
 * usage under its endpoint class, whatever it is answered.
 */
@Provider
@ApplicationScoped
@Priority(Priorities.AUTHORIZATION + 100)
public class RateLimitFilter implements ContainerRequestFilter, ContainerResponseFilter {

  static final String POLICY_HEADER = "RateLimit-Policy";
  static final String RATE_HEADER = "RateLimit";
  private static final String DECISION = RateLimitFilter.class.getName() + ".decision";
  private static final String SLOT = RateLimitFilter.class.getName() + ".slot";
  private static final String BUSY = RateLimitFilter.class.getName() + ".busy";

  /** When a refused upload may try again: uploads end at their own pace, so soon. */
  private static final String UPLOAD_RETRY_SECONDS = "5";

  @Inject CallerResolver callers;
  @Inject RateLimiter limiter;
  @Inject RequestTenantProfile profiles;
  @Inject MetricRegistry metrics;
  @Inject ApiCallLedger usage;

  @Override
  public void filter(ContainerRequestContext request) {
    if (request.getSecurityContext().getUserPrincipal() == null) {
      return; // not authenticated: the resource's role check answers 401
    }
    Caller caller;
    try {
      caller = callers.current();
    } catch (ProblemException e) {
      return; // no tenant: the resource answers tenant_missing
    }
    EndpointClass endpointClass =
        EndpointClass.of(request.getMethod(), request.getUriInfo().getPath());
    TenantProfile profile = profiles.of(caller.tenantId()); // as the tenant gate read it
    // An upload waits for a slot first: one refused for the cap has not cost its quota.
    if (EndpointClass.streamsUpload(request.getMethod(), request.getUriInfo().getPath())) {
      Optional<UploadSlots.Slot> slot = limiter.takeUploadSlot(profile, caller.tenantId());
      if (slot.isEmpty()) {
        request.setProperty(BUSY, Boolean.TRUE);
        request.abortWith(
            Problems.response(
                ProblemType.TOO_MANY_UPLOADS,
                "the tenant has as many uploads streaming as its tier allows; retry when one"
                    + " has finished",
                null,
                Map.of()));
        return;
      }
      request.setProperty(SLOT, slot.get());
    }
    RateDecision decision =
        limiter.take(profile, caller.tenantId(), caller.subject(), endpointClass);
    if (decision != null) {
      request.setProperty(DECISION, decision);
      if (!decision.allowed()) {
        refuse(request, endpointClass, decision); // the slot goes back in the response filter
        return;
      }
    }
    usage.count(caller.tenantId(), endpointClass, Instant.now());
  }

  private void refuse(
      ContainerRequestContext request, EndpointClass endpointClass, RateDecision decision) {
    countRefusal(decision.policy().name());
    request.abortWith(
        Problems.response(
            ProblemType.RATE_LIMITED,
            "more "
                + endpointClass.policyName()
                + " requests than the policy allows ("
                + decision.policy().quota()
                + " per "
                + decision.policy().windowSeconds()
                + " s); retry after "
                + decision.retryAfterSeconds()
                + " s",
            null,
            Map.of(
                "policy", decision.policy().name(),
                "retryAfterSeconds", decision.retryAfterSeconds())));
    // Retry-After comes with the other fields, in the response filter
  }

  @Override
  public void filter(ContainerRequestContext request, ContainerResponseContext response) {
    if (request.getProperty(SLOT) instanceof UploadSlots.Slot slot) {
      limiter.release(slot);
    }
    if (request.getProperty(BUSY) != null) {
      response.getHeaders().putSingle("Retry-After", UPLOAD_RETRY_SECONDS);
      countRefusal("concurrent-uploads");
    }
    if (request.getProperty(DECISION) instanceof RateDecision decision) {
      response.getHeaders().putSingle(POLICY_HEADER, decision.policy().header());
      response.getHeaders().putSingle(RATE_HEADER, decision.header());
      if (!decision.allowed()) {
        response.getHeaders().putSingle("Retry-After", Long.toString(decision.retryAfterSeconds()));
      }
    }
  }

  private void countRefusal(String policy) {
    metrics
        .counter(
            Metadata.builder()
                .withName("fileparser_rate_limited")
                .withDescription("Requests refused for a rate limit, by policy")
                .build(),
            new Tag("policy", policy))
        .inc();
  }
}
