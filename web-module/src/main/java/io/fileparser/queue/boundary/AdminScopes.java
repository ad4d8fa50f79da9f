package io.fileparser.queue.boundary;

import io.fileparser.queue.QueueScope;
import io.fileparser.security.Role;
import io.fileparser.security.boundary.CallerResolver;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;

/**
 * Whose figures an admin request reads: the operator's (every tenant) for the platform operator,
 * whose token names no tenant; a tenant's admin's or owner's (that tenant only) for anyone else.
 * The queue, the dashboard summary and the alerts decide it the same way.
 */
@RequestScoped
public class AdminScopes {

  @Inject CallerResolver callers;
  @Inject HttpServletRequest request;

  public QueueScope current() {
    return request.isUserInRole(Role.OPERATOR)
        ? QueueScope.platform(callers.subject())
        : QueueScope.tenant(callers.current());
  }
}
