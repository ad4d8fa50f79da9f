package io.fileparser.security.boundary;

import jakarta.annotation.Priority;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.NotAuthorizedException;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.DynamicFeature;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.FeatureContext;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Enforces {@link AllowedRoles} on the REST resources, the method's declaration before its class's.
 * The caller's roles are the ones the login gave the request ({@link
 * CredentialsMechanism#ROLES_ATTRIBUTE}: an API key's roles, a token's groups), read through the
 * request's properties (the servlet request's attributes), so the check costs a set lookup. Answers
 * 401 without a login and 403 without one of the roles; the exception mapper turns both into
 * problem documents.
 */
@Provider
public class RoleCheck implements DynamicFeature {

  @Override
  public void configure(ResourceInfo resource, FeatureContext context) {
    Rule rule = Rule.of(resource.getResourceMethod(), resource.getResourceClass());
    if (rule != null) {
      context.register(new Filter(rule), Priorities.AUTHORIZATION);
    }
  }

  /** Who may call one resource method. */
  record Rule(List<String> roles) {

    /** The method's rule, else its class's; null when neither declares one. */
    static Rule of(Method method, Class<?> resourceClass) {
      AllowedRoles allowed = method == null ? null : method.getAnnotation(AllowedRoles.class);
      if (allowed == null && resourceClass != null) {
        allowed = resourceClass.getAnnotation(AllowedRoles.class);
      }
      return allowed == null ? null : new Rule(List.of(allowed.value()));
    }

    /** Whether a caller holding {@code held} (null: not logged in) may call. */
    Decision decide(Set<String> held) {
      if (held == null) {
        return Decision.UNAUTHENTICATED;
      }
      return roles.stream().anyMatch(held::contains) ? Decision.ALLOWED : Decision.FORBIDDEN;
    }
  }

  enum Decision {
    ALLOWED,
    UNAUTHENTICATED,
    FORBIDDEN
  }

  @Priority(Priorities.AUTHORIZATION)
  static final class Filter implements ContainerRequestFilter {

    private final Rule rule;

    Filter(Rule rule) {
      this.rule = rule;
    }

    @Override
    public void filter(ContainerRequestContext request) {
      switch (rule.decide(roles(request))) {
        case ALLOWED -> {}
        case UNAUTHENTICATED ->
            throw new NotAuthorizedException(
                "authentication required", Response.status(Response.Status.UNAUTHORIZED).build());
        case FORBIDDEN -> throw new ForbiddenException("the caller's roles do not allow this");
      }
    }

    /**
     * The roles of the login; for a login the mechanism did not record (none today), those of the
     * rule that the container says the caller is in.
     */
    @SuppressWarnings("unchecked")
    private Set<String> roles(ContainerRequestContext request) {
      if (request.getSecurityContext().getUserPrincipal() == null) {
        return null;
      }
      if (request.getProperty(CredentialsMechanism.ROLES_ATTRIBUTE) instanceof Set<?> roles) {
        return (Set<String>) roles;
      }
      return rule.roles().stream()
          .filter(role -> request.getSecurityContext().isUserInRole(role))
          .collect(Collectors.toUnmodifiableSet());
    }
  }
}
