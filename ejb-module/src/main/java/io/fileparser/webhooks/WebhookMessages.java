package io.fileparser.webhooks;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fileparser.audit.AuditLog;
import io.fileparser.jobs.TenantJobs;
import io.fileparser.problem.ProblemException;
import io.fileparser.problem.ProblemType;
import io.fileparser.security.Caller;
import io.fileparser.webhooks.entity.MessageStatus;
import io.fileparser.webhooks.entity.WebhookAttempt;
import io.fileparser.webhooks.entity.WebhookEndpoint;
import io.fileparser.webhooks.entity.WebhookMessage;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An endpoint's messages: the delivery log, a test message, resending one message and recovering
 * every message given up since a time. Resent and recovered messages keep their {@code webhook-id}
 * and body, so a receiver that saw one before can tell.
 */
@Stateless
public class WebhookMessages {

  public static final String TEST_EVENT = "webhook.test";
  public static final int DEFAULT_LIMIT = 50;
  public static final int MAX_LIMIT = 500;
  private static final ObjectMapper JSON = new ObjectMapper();

  @PersistenceContext EntityManager em;
  @Inject AuditLog audit;
  @Inject Event<MessagesQueued> queued;

  /** Writes a {@code webhook.test} message for the endpoint, whatever its event filter says. */
  public MessageView test(Caller caller, UUID endpointId) {
    WebhookEndpoint endpoint = TenantWebhooks.find(em, caller, endpointId);
    Instant now = WebhookEndpoints.now();
    UUID id = UUID.randomUUID();
    String webhookId = WebhookOutbox.webhookId(id);
    ObjectNode body = JSON.createObjectNode();
    body.put("id", webhookId);
    body.put("type", TEST_EVENT);
    body.put("tenantId", caller.tenantId());
    body.put("at", now.toString());
    body.putObject("data").put("endpointId", endpoint.getId().toString());
    WebhookMessage message =
        new WebhookMessage(
            id,
            endpoint.getId(),
            caller.tenantId(),
            null,
            webhookId,
            TEST_EVENT,
            body.toString(),
            now);
    em.persist(message);
    em.flush();
    em.refresh(message);
    queued.fire(new MessagesQueued(1));
    return MessageView.from(message);
  }

  /** The endpoint's messages after {@code afterSeq}, oldest first, optionally of one status. */
  public MessagePage page(
      Caller caller, UUID endpointId, long afterSeq, int limit, String statusName) {
    MessageStatus status = status(statusName);
    TenantWebhooks.find(em, caller, endpointId);
    var query =
        em.createQuery(
                "select m from WebhookMessage m where m.endpointId = :endpoint and m.seq > :after"
                    + (status == null ? "" : " and m.status = :status")
                    + " order by m.seq",
                WebhookMessage.class)
            .setParameter("endpoint", endpointId)
            .setParameter("after", afterSeq)
            .setMaxResults(limit + 1);
    if (status != null) {
      query.setParameter("status", status);
    }
    List<MessageView> rows = query.getResultStream().map(MessageView::from).toList();
    if (rows.size() <= limit) {
      return new MessagePage(rows, null);
    }
    List<MessageView> items = List.copyOf(rows.subList(0, limit));
    return new MessagePage(items, items.get(limit - 1).seq());
  }

  /**
   * The messages every endpoint of the tenant was sent about one job after {@code afterSeq}, in the
   * order they were written, each with its endpoint. A job of another tenant, or one deleted, is
   * not found.
   */
  public JobDeliveryPage ofJob(Caller caller, UUID jobId, long afterSeq, int limit) {
    TenantJobs.find(em, caller, jobId);
    List<Object[]> rows =
        em.createQuery(
                "select m, e.url from WebhookMessage m, WebhookEndpoint e"
                    + " where e.id = m.endpointId and m.jobId = :job and m.tenantId = :tenant"
                    + " and m.seq > :after order by m.seq",
                Object[].class)
            .setParameter("job", jobId)
            .setParameter("tenant", caller.tenantId())
            .setParameter("after", afterSeq)
            .setMaxResults(limit + 1)
            .getResultList();
    List<JobDelivery> items =
        rows.stream()
            .limit(limit)
            .map(
                row -> {
                  WebhookMessage message = (WebhookMessage) row[0];
                  return new JobDelivery(
                      message.getEndpointId(), (String) row[1], MessageView.from(message));
                })
            .toList();
    Long next = rows.size() > limit ? items.get(limit - 1).message().seq() : null;
    return new JobDeliveryPage(items, next);
  }

  /** One message with its body and every attempt. */
  public MessageDetail detail(Caller caller, UUID endpointId, UUID messageId) {
    WebhookMessage message = find(caller, endpointId, messageId);
    List<AttemptView> attempts =
        em.createQuery(
                "select a from WebhookAttempt a where a.messageId = :message order by a.attempt",
                WebhookAttempt.class)
            .setParameter("message", messageId)
            .getResultStream()
            .map(AttemptView::from)
            .toList();
    return new MessageDetail(MessageView.from(message), message.getPayload(), attempts);
  }

  /** Sends the message again now (delivered or not), with the retry schedule from its start. */
  public MessageView resend(Caller caller, UUID endpointId, UUID messageId) {
    WebhookMessage message = find(caller, endpointId, messageId);
    message.resend(WebhookEndpoints.now());
    audit.record(
        caller.tenantId(),
        caller.subject(),
        "webhook.message_resent",
        "webhook",
        endpointId.toString(),
        "message=" + message.getWebhookId());
    queued.fire(new MessagesQueued(1));
    return MessageView.from(message);
  }

  /**
   * Makes every message of the endpoint given up since {@code since} due again; returns how many.
   */
  public int recover(Caller caller, UUID endpointId, Instant since) {
    TenantWebhooks.find(em, caller, endpointId);
    if (since == null) {
      throw new ProblemException(ProblemType.INVALID_REQUEST, "since is required");
    }
    List<WebhookMessage> failed =
        em.createQuery(
                "select m from WebhookMessage m where m.endpointId = :endpoint"
                    + " and m.status = :failed and m.createdAt >= :since order by m.seq",
                WebhookMessage.class)
            .setParameter("endpoint", endpointId)
            .setParameter("failed", MessageStatus.FAILED)
            .setParameter("since", since)
            .getResultList();
    Instant now = WebhookEndpoints.now();
    failed.forEach(m -> m.resend(now));
    audit.record(
        caller.tenantId(),
        caller.subject(),
        "webhook.messages_recovered",
        "webhook",
        endpointId.toString(),
        "since=" + since + " count=" + failed.size());
    if (!failed.isEmpty()) {
      queued.fire(new MessagesQueued(failed.size()));
    }
    return failed.size();
  }

  /**
   * Reads the {@code afterSeq} parameter: a whole number, 0 or more.
   *
   * @throws ProblemException {@code invalid_request} otherwise
   */
  public static long afterSeq(String text) {
    try {
      long seq = Long.parseLong(text.strip());
      if (seq >= 0) {
        return seq;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw new ProblemException(
        ProblemType.INVALID_REQUEST, "afterSeq must be a whole number, 0 or more");
  }

  private static MessageStatus status(String name) {
    if (name == null || name.isBlank()) {
      return null;
    }
    try {
      return MessageStatus.valueOf(name.strip().toUpperCase(java.util.Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new ProblemException(
          ProblemType.INVALID_REQUEST,
          "status must be one of " + java.util.Arrays.toString(MessageStatus.values()),
          java.util.Map.of("field", "status"));
    }
  }

  private WebhookMessage find(Caller caller, UUID endpointId, UUID messageId) {
    TenantWebhooks.find(em, caller, endpointId);
    WebhookMessage message = em.find(WebhookMessage.class, messageId);
    if (message == null || !message.getEndpointId().equals(endpointId)) {
      throw new ProblemException(
          ProblemType.WEBHOOK_MESSAGE_NOT_FOUND,
          "no message " + messageId + " of webhook endpoint " + endpointId);
    }
    return message;
  }
}
