package io.fileparser.webhooks;

import io.fileparser.audit.AuditLog;
import io.fileparser.notifications.WebhookEndpointDisabled;
import io.fileparser.telemetry.Telemetry;
import io.fileparser.usage.UsageCounters;
import io.fileparser.usage.UsageMetric;
import io.fileparser.webhooks.entity.MessageStatus;
import io.fileparser.webhooks.entity.WebhookAttempt;
import io.fileparser.webhooks.entity.WebhookEndpoint;
import io.fileparser.webhooks.entity.WebhookFact;
import io.fileparser.webhooks.entity.WebhookMessage;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The database side of delivery, each step its own short transaction, so no request is ever made
 * while a transaction is open.
 *
 * <p>{@link #claimDue} takes due messages with {@code FOR UPDATE SKIP LOCKED} (instances share the
 * work without sending a message twice at once) and leases them: their next attempt is pushed past
 * the time an attempt can take. If the server stops before the outcome is written, the lease runs
 * out and the message is sent again: delivery is at least once, never lost, and the {@code
 * webhook-id} lets a receiver drop the repeat. {@link #record} writes the attempt to the log and
 * decides what follows: delivered, retried on the schedule, or given up; a 410, or an endpoint
 * whose attempts have all failed for {@code fileparser.webhooks.disable-after-s}, disables it.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class DeliveryBatch {

  @PersistenceContext EntityManager em;
  @Inject WebhookSettings settings;
  @Inject Telemetry telemetry;
  @Inject AuditLog audit;
  @Inject Event<WebhookEndpointDisabled> disabled;
  @Inject UsageCounters usage;

  /** Claims up to {@code limit} due messages of enabled endpoints, oldest seq first. */
  public List<Delivery> claimDue(int limit) {
    Instant now = WebhookEndpoints.now();
    @SuppressWarnings("unchecked")
    List<UUID> ids =
        em.createNativeQuery(
                "select m.id from webhook_messages m join webhook_endpoints e on e.id ="
                    + " m.endpoint_id where m.status = 'PENDING' and m.next_attempt_at <= ?1"
                    + " and e.enabled order by m.seq limit ?2 for update of m skip locked",
                UUID.class)
            .setParameter(1, now)
            .setParameter(2, limit)
            .getResultList();
    if (ids.isEmpty()) {
      return List.of();
    }
    Instant leaseUntil = now.plus(settings.timeout().multipliedBy(2)).plus(Duration.ofSeconds(30));
    List<WebhookMessage> messages =
        em.createQuery(
                "select m from WebhookMessage m where m.id in :ids order by m.seq",
                WebhookMessage.class)
            .setParameter("ids", ids)
            .getResultList();
    List<Delivery> deliveries = new ArrayList<>();
    for (WebhookMessage message : messages) {
      message.lease(leaseUntil);
      WebhookEndpoint endpoint = em.find(WebhookEndpoint.class, message.getEndpointId());
      List<String> secrets = new ArrayList<>();
      secrets.add(settings.seal().open(endpoint.getSecretSealed(), endpoint.getId()));
      String previous = endpoint.previousSecretSealedAt(now);
      if (previous != null) {
        secrets.add(settings.seal().open(previous, endpoint.getId()));
      }
      deliveries.add(
          new Delivery(
              message.getId(),
              endpoint.getId(),
              URI.create(endpoint.getUrl()),
              message.getWebhookId(),
              message.getPayload(),
              List.copyOf(secrets)));
    }
    return deliveries;
  }

  /** Writes the attempt and what follows from it. */
  public void record(Delivery delivery, DeliveryResult result) {
    WebhookMessage message =
        em.find(WebhookMessage.class, delivery.messageId(), LockModeType.PESSIMISTIC_WRITE);
    if (message == null) {
      return; // the endpoint was deleted meanwhile
    }
    Instant now = WebhookEndpoints.now();
    em.persist(
        new WebhookAttempt(
            UUID.randomUUID(),
            message.getId(),
            message.getEndpointId(),
            message.getAttempts() + 1,
            now,
            result.statusCode(),
            result.outcome(),
            result.latencyMs(),
            result.responseExcerpt(),
            result.error()));
    WebhookEndpoint endpoint =
        em.find(WebhookEndpoint.class, message.getEndpointId(), LockModeType.PESSIMISTIC_WRITE);
    endpoint.recordOutcome(result.isDelivered(), now);
    usage.increment(
        message.getTenantId(),
        result.isDelivered()
            ? UsageMetric.WEBHOOK_DELIVERIES_DELIVERED
            : UsageMetric.WEBHOOK_DELIVERIES_FAILED,
        now);
    if (result.isDelivered()) {
      message.delivered(result.statusCode(), now);
      telemetry.webhookAttempt("delivered");
      return;
    }
    if (result.isGone()) {
      message.giveUp(result.statusCode(), now);
      telemetry.webhookAttempt("abandoned");
      disable(endpoint, "the receiver answered 410 Gone", now);
      return;
    }
    var delay =
        settings
            .schedule()
            .delayAfter(message.getRetryStep(), result.retryAfter(), ThreadLocalRandom.current());
    if (delay.isPresent()) {
      message.retryAt(result.statusCode(), now, now.plus(delay.get()));
      telemetry.webhookAttempt("failed");
    } else {
      message.giveUp(result.statusCode(), now);
      telemetry.webhookAttempt("abandoned");
    }
    if (isFailingTooLong(endpoint.getFailingSince(), now, settings.disableAfter())) {
      disable(endpoint, "every attempt failed since " + endpoint.getFailingSince(), now);
    }
  }

  /** Whether an endpoint failing since {@code since} has failed for longer than {@code limit}. */
  static boolean isFailingTooLong(Instant since, Instant now, Duration limit) {
    return since != null && Duration.between(since, now).compareTo(limit) >= 0;
  }

  /**
   * Disables the endpoint, audits it, leaves a {@code webhook.endpoint_disabled} fact and notifies
   * its owner (who created it) in the same transaction. Its pending messages wait: they go out if
   * it is enabled again.
   */
  private void disable(WebhookEndpoint endpoint, String reason, Instant now) {
    if (!endpoint.isEnabled()) {
      return;
    }
    endpoint.disable(reason, now);
    audit.record(
        endpoint.getTenantId(),
        "system:webhooks",
        WebhookFact.ENDPOINT_DISABLED,
        "webhook",
        endpoint.getId().toString(),
        "url=" + endpoint.getUrl() + " reason=" + reason);
    em.persist(
        new WebhookFact(
            UUID.randomUUID(),
            endpoint.getTenantId(),
            endpoint.getId(),
            WebhookFact.ENDPOINT_DISABLED,
            endpoint.getCreatedBy(),
            "webhook endpoint " + endpoint.getUrl() + " was disabled: " + reason,
            now));
    disabled.fire(
        new WebhookEndpointDisabled(
            endpoint.getTenantId(),
            endpoint.getId(),
            endpoint.getCreatedBy(),
            endpoint.getUrl(),
            now,
            reason));
  }

  /** Whether anything is pending at all (for logging after an outage). */
  public boolean hasPending() {
    return !em.createQuery("select m.id from WebhookMessage m where m.status = :pending")
        .setParameter("pending", MessageStatus.PENDING)
        .setMaxResults(1)
        .getResultList()
        .isEmpty();
  }
}
