package io.fileparser.security;

import java.util.List;
import java.util.Set;

/**
 * Who a request's credentials name, as {@code GET /me} answers: the subject, the tenant (null for
 * the platform operator), the roles in {@link Role#ALL}'s order, and the kind of credential ({@code
 * jwt} or {@code api_key}).
 */
public record CallerView(String subject, String tenantId, List<String> roles, String credential) {

  /** The view of a caller of a tenant. */
  public static CallerView of(Caller caller) {
    return new CallerView(
        caller.subject(),
        caller.tenantId(),
        ordered(caller.roles()),
        caller.method() == Caller.Method.API_KEY ? "api_key" : "jwt");
  }

  /** The view of the platform operator, who belongs to no tenant (only a token names one). */
  public static CallerView platform(String subject, Set<String> roles) {
    return new CallerView(subject, null, ordered(roles), "jwt");
  }

  private static List<String> ordered(Set<String> roles) {
    return Role.ALL.stream().filter(roles::contains).toList();
  }
}
