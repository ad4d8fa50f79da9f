package io.fileparser.webhooks;

import io.fileparser.audit.AuditLog;
import io.fileparser.events.JobEventType;
import io.fileparser.notifications.AlertChanged;
import io.fileparser.problem.ProblemException;
import io.fileparser.problem.ProblemType;
import io.fileparser.security.Caller;
import io.fileparser.security.TenantRegistry;
import io.fileparser.webhooks.entity.WebhookEndpoint;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * Manages a tenant's webhook endpoints: create (the secret is shown once), list, read, change,
 * delete, and rotate the secret with an overlap. Every change is audited in its transaction. A URL
 * is saved only if the SSRF guard lets it through at that moment (it is checked again before every
 * attempt).
 */
@Stateless
public class WebhookEndpoints {

  /** How long a replaced secret keeps signing when the caller names no overlap. */
  public static final Duration DEFAULT_OVERLAP = Duration.ofHours(24);

  public static final Duration MAX_OVERLAP = Duration.ofDays(7);

  @PersistenceContext EntityManager em;
  @Inject WebhookSettings settings;
  @Inject TenantRegistry tenants;
  @Inject AuditLog audit;

  /**
   * @throws ProblemException {@code invalid_request} for a malformed URL or an unknown event type,
   *     {@code webhook_target_refused} for a URL the SSRF guard refuses
   */
  public CreatedWebhook create(
      Caller caller, String url, String description, Set<String> eventTypes) {
    String target = checkedUrl(url);
    Set<String> types = checkedEventTypes(eventTypes);
    tenants.ensure(caller.tenantId());
    UUID id = UUID.randomUUID();
    String secret = WebhookSignature.newSecret();
    WebhookEndpoint endpoint =
        new WebhookEndpoint(
            id,
            caller.tenantId(),
            target,
            blankToNull(description),
            types,
            settings.seal().seal(secret, id),
            caller.subject(),
            now());
    em.persist(endpoint);
    audit.record(
        caller.tenantId(),
        caller.subject(),
        "webhook.created",
        "webhook",
        id.toString(),
        "url=" + target + " eventTypes=" + types);
    return new CreatedWebhook(WebhookView.from(endpoint), secret);
  }

  public List<WebhookView> list(Caller caller) {
    return em.createNamedQuery(WebhookEndpoint.BY_TENANT, WebhookEndpoint.class)
        .setParameter("tenantId", caller.tenantId())
        .getResultStream()
        .map(WebhookView::from)
        .toList();
  }

  public WebhookView get(Caller caller, UUID id) {
    return WebhookView.from(TenantWebhooks.find(em, caller, id));
  }

  /**
   * Changes what is given (null leaves a field as it is; an empty description clears it). Enabling
   * a disabled endpoint forgets its failures; its messages still pending go out again.
   */
  public WebhookView update(
      Caller caller,
      UUID id,
      String url,
      String description,
      Set<String> eventTypes,
      Boolean enabled) {
    WebhookEndpoint endpoint = TenantWebhooks.lock(em, caller, id);
    String target = url == null ? null : checkedUrl(url);
    Set<String> types = eventTypes == null ? null : checkedEventTypes(eventTypes);
    Instant now = now();
    endpoint.change(target, description == null ? null : description.strip(), types, now);
    if (Boolean.TRUE.equals(enabled) && !endpoint.isEnabled()) {
      endpoint.enable(now);
    } else if (Boolean.FALSE.equals(enabled)) {
      endpoint.disable("disabled by " + caller.subject(), now);
    }
    audit.record(
        caller.tenantId(),
        caller.subject(),
        "webhook.updated",
        "webhook",
        id.toString(),
        "url="
            + endpoint.getUrl()
            + " eventTypes="
            + endpoint.getEventTypes()
            + " enabled="
            + endpoint.isEnabled());
    return WebhookView.from(endpoint);
  }

  /** Deletes the endpoint with its messages and delivery log. */
  public void delete(Caller caller, UUID id) {
    WebhookEndpoint endpoint = TenantWebhooks.lock(em, caller, id);
    em.remove(endpoint);
    audit.record(
        caller.tenantId(),
        caller.subject(),
        "webhook.deleted",
        "webhook",
        id.toString(),
        "url=" + endpoint.getUrl());
  }

  /**
   * Replaces the signing secret. Until {@code overlap} has passed, messages are signed with the new
   * and the previous secret, so receivers can switch without losing a message.
   *
   * @param overlap null for {@link #DEFAULT_OVERLAP}; 0 to {@link #MAX_OVERLAP}
   */
  public RotatedSecret rotateSecret(Caller caller, UUID id, Duration overlap) {
    Duration window = overlap == null ? DEFAULT_OVERLAP : overlap;
    if (window.isNegative() || window.compareTo(MAX_OVERLAP) > 0) {
      throw new ProblemException(
          ProblemType.INVALID_REQUEST,
          "overlapSeconds must be between 0 and " + MAX_OVERLAP.toSeconds());
    }
    WebhookEndpoint endpoint = TenantWebhooks.lock(em, caller, id);
    Instant now = now();
    String secret = WebhookSignature.newSecret();
    Instant until = now.plus(window);
    endpoint.rotateSecret(settings.seal().seal(secret, id), until, now);
    audit.record(
        caller.tenantId(),
        caller.subject(),
        "webhook.secret_rotated",
        "webhook",
        id.toString(),
        "previousSecretUntil=" + until);
    return new RotatedSecret(WebhookView.from(endpoint), secret, until);
  }

  private String checkedUrl(String url) {
    URI uri;
    try {
      uri = new URI(url.strip());
    } catch (URISyntaxException e) {
      throw new ProblemException(
          ProblemType.INVALID_REQUEST,
          "url is not a URL: " + e.getReason(),
          java.util.Map.of("field", "url"));
    }
    TargetGuard.formRefusal(uri)
        .ifPresent(
            why -> {
              throw new ProblemException(
                  ProblemType.INVALID_REQUEST, why, java.util.Map.of("field", "url"));
            });
    settings
        .guard()
        .refusal(uri)
        .ifPresent(
            why -> {
              throw new ProblemException(ProblemType.WEBHOOK_TARGET_REFUSED, why);
            });
    return uri.toString();
  }

  private static Set<String> checkedEventTypes(Set<String> requested) {
    Set<String> types = new TreeSet<>();
    if (requested == null) {
      return types;
    }
    for (String type : requested) {
      if (type == null
          || (JobEventType.fromWireName(type.strip()).isEmpty()
              && !AlertChanged.isType(type.strip()))) {
        throw new ProblemException(
            ProblemType.INVALID_REQUEST,
            "unknown event type '"
                + type
                + "'; known are "
                + Arrays.stream(JobEventType.values()).map(JobEventType::wireName).toList(),
            java.util.Map.of("field", "eventTypes"));
      }
      types.add(type.strip());
    }
    return types;
  }

  private static String blankToNull(String text) {
    return text == null || text.isBlank() ? null : text.strip();
  }

  static Instant now() {
    return Instant.now().truncatedTo(ChronoUnit.MICROS);
  }
}
