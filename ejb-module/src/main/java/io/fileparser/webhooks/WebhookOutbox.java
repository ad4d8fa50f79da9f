package io.fileparser.webhooks;

import io.fileparser.events.JobEventMessage;
import io.fileparser.jobs.JobChangeListener;
import io.fileparser.jobs.entity.JobChanged;
import io.fileparser.notifications.AlertChanged;
import io.fileparser.webhooks.entity.WebhookEndpoint;
import io.fileparser.webhooks.entity.WebhookMessage;
import jakarta.annotation.Resource;
import jakarta.ejb.Local;
import jakarta.ejb.LocalBean;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.FlushModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.List;
import java.util.UUID;

/**
 * Writes a message for every enabled endpoint of the job's tenant that wants the event, inside the
 * transaction that changed the job: the change and what is owed to the endpoints commit together,
 * so no event is lost to a crash and none is sent for a change that rolled back. The body is the
 * event as every channel gives it ({@link JobEventMessage#toJson()}); delivery happens after
 * commit, outside any transaction.
 */
@Stateless
@Local(JobChangeListener.class)
@LocalBean
@TransactionAttribute(TransactionAttributeType.MANDATORY)
public class WebhookOutbox implements JobChangeListener {

  @PersistenceContext EntityManager em;
  @Inject Event<MessagesQueued> queued;

  /** Null only when wired by hand for component tests: endpoints are then read for every change. */
  @Resource TransactionSynchronizationRegistry transactions;

  /**
   * Writes the change's messages; if it wrote any, delivery is kicked once the transaction commits
   * ({@link MessagesQueued}), so a change that owes no endpoint anything costs delivery nothing.
   */
  /**
   * Hook: an alert of the tenant fired or cleared ({@link AlertChanged}); endpoints that asked for
   * {@code alert.fired} or {@code alert.cleared} by name get it (an endpoint that wants every type
   * gets job events only: alerts are asked for).
   */
  public void onAlert(@Observes AlertChanged alert) {
    if (alert.tenantId() == null) {
      return;
    }
    String type = alert.type();
    String body = alert.toJson();
    int written = 0;
    for (WebhookEndpoint endpoint :
        em.createNamedQuery(WebhookEndpoint.ENABLED_BY_TENANT, WebhookEndpoint.class)
            .setParameter("tenantId", alert.tenantId())
            .getResultList()) {
      if (endpoint.getEventTypes().contains(type)) {
        written++;
        UUID id = UUID.randomUUID();
        em.persist(
            new WebhookMessage(
                id,
                endpoint.getId(),
                alert.tenantId(),
                null,
                webhookId(id),
                type,
                body,
                alert.at()));
      }
    }
    if (written > 0) {
      queued.fire(new MessagesQueued(written));
    }
  }

  @Override
  public void onChanges(List<JobChanged> changes) {
    for (JobChanged change : changes) {
      onChanged(change);
    }
  }

  void onChanged(JobChanged change) {
    List<WebhookEndpoint> endpoints = enabledEndpoints(change.tenantId());
    if (endpoints.isEmpty()) {
      return;
    }
    JobEventMessage event = JobEventMessage.of(change);
    String type = event.type().wireName();
    String body = event.toJson();
    int written = 0;
    for (WebhookEndpoint endpoint : endpoints) {
      if (endpoint.wants(type)) {
        written++;
        UUID id = UUID.randomUUID();
        em.persist(
            new WebhookMessage(
                id,
                endpoint.getId(),
                change.tenantId(),
                change.jobId(),
                webhookId(id),
                type,
                body,
                change.at()));
      }
    }
    if (written > 0) {
      queued.fire(new MessagesQueued(written));
    }
  }

  /**
   * The tenant's enabled endpoints, read once per transaction: an upload's transaction makes five
   * changes of one job, and a transaction that changes jobs never changes endpoints.
   */
  @SuppressWarnings("unchecked")
  private List<WebhookEndpoint> enabledEndpoints(String tenantId) {
    EnabledEndpoints key = new EnabledEndpoints(tenantId);
    if (transactions != null && transactions.getResource(key) instanceof List<?> read) {
      return (List<WebhookEndpoint>) read;
    }
    List<WebhookEndpoint> endpoints =
        em.createNamedQuery(WebhookEndpoint.ENABLED_BY_TENANT, WebhookEndpoint.class)
            .setParameter("tenantId", tenantId)
            // A job's change never changes endpoints: no flush of the job's pending state first.
            .setFlushMode(FlushModeType.COMMIT)
            .getResultList();
    if (transactions != null) {
      transactions.putResource(key, endpoints);
    }
    return endpoints;
  }

  /** The key of a tenant's enabled endpoints among the transaction's resources. */
  private record EnabledEndpoints(String tenantId) {}

  /**
   * The {@code webhook-id} of a message: {@code msg_} and its row id, the same on every attempt.
   */
  static String webhookId(UUID messageId) {
    return "msg_" + messageId.toString().replace("-", "");
  }
}
