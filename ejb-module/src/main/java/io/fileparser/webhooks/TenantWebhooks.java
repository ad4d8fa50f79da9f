package io.fileparser.webhooks;

import io.fileparser.problem.ProblemException;
import io.fileparser.problem.ProblemType;
import io.fileparser.security.Caller;
import io.fileparser.webhooks.entity.WebhookEndpoint;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import java.util.UUID;

/**
 * The one way to reach an endpoint on a caller's behalf: another tenant's endpoint answers exactly
 * like one that does not exist ({@code webhook_not_found}), so its id cannot even be probed.
 */
final class TenantWebhooks {

  private TenantWebhooks() {}

  static WebhookEndpoint find(EntityManager em, Caller caller, UUID id) {
    return owned(em.find(WebhookEndpoint.class, id), caller, id);
  }

  /** The caller's endpoint, its row locked for this transaction. */
  static WebhookEndpoint lock(EntityManager em, Caller caller, UUID id) {
    return owned(em.find(WebhookEndpoint.class, id, LockModeType.PESSIMISTIC_WRITE), caller, id);
  }

  private static WebhookEndpoint owned(WebhookEndpoint endpoint, Caller caller, UUID id) {
    if (endpoint == null || !endpoint.getTenantId().equals(caller.tenantId())) {
      throw new ProblemException(ProblemType.WEBHOOK_NOT_FOUND, "no webhook endpoint " + id);
    }
    return endpoint;
  }
}
