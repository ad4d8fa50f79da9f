package io.fileparser.notifications;

import io.fileparser.notifications.entity.PushSubscription;
import io.fileparser.problem.ProblemException;
import io.fileparser.problem.ProblemType;
import io.fileparser.security.Caller;
import io.fileparser.security.TenantRegistry;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.Base64;
import java.util.Base64.Encoder;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The caller's browser Web Push subscriptions: each is where that caller's notifications are also
 * pushed. Subscribing the same endpoint again renews its keys. A push service that answers 404 or
 * 410 for an endpoint has dropped it, and so do we ({@link #forget}).
 */
@Stateless
public class PushSubscriptions {

  private static final Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

  @PersistenceContext EntityManager em;
  @Inject VapidKeyFiles vapid;
  @Inject TenantRegistry tenants;

  @Inject
  @ConfigProperty(name = "fileparser.webpush.allowed-hosts")
  Optional<String> allowedHosts;

  /** A recipient holds at most this many subscriptions (browsers, devices). */
  @Inject
  @ConfigProperty(name = "fileparser.webpush.max-subscriptions", defaultValue = "20")
  int maxSubscriptions;

  /**
   * The server's VAPID public key as a browser's {@code applicationServerKey} wants it: the
   * uncompressed P-256 point, base64url.
   *
   * @throws ProblemException {@code push_not_configured} when the server has no VAPID keys
   */
  @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
  public String vapidPublicKey() {
    return BASE64URL.encodeToString(requireKeys().getApplicationServerKey());
  }

  /**
   * Subscribes the caller's browser.
   *
   * @param p256dh the browser's P-256 public key, base64url of the 65-byte uncompressed point
   * @param auth the browser's 16-byte authentication secret, base64url
   * @throws ProblemException {@code push_endpoint_not_allowed} for an endpoint the server may not
   *     post to, {@code invalid_request} for malformed keys or too many subscriptions
   */
  public PushSubscriptionView subscribe(
      Caller caller, String endpoint, String p256dh, String auth) {
    requireKeys();
    String url = new PushEndpointPolicy(allowedHosts.orElse("")).check(endpoint).toString();
    PushKeys.require(p256dh, auth);
    List<PushSubscription> existing = ofRecipient(caller.tenantId(), caller.subject());
    for (PushSubscription s : existing) {
      if (s.getEndpoint().equals(url)) {
        s.rekey(p256dh, auth);
        return PushSubscriptionView.from(s);
      }
    }
    if (existing.size() >= maxSubscriptions) {
      throw new ProblemException(
          ProblemType.INVALID_REQUEST,
          "a caller holds at most " + maxSubscriptions + " push subscriptions; delete one first");
    }
    PushSubscription created =
        new PushSubscription(caller.tenantId(), caller.subject(), url, p256dh, auth, Instant.now());
    tenants.ensure(caller.tenantId()); // a subscription may be the tenant's first row
    em.persist(created);
    return PushSubscriptionView.from(created);
  }

  /** The caller's subscriptions, oldest first. */
  @TransactionAttribute(TransactionAttributeType.SUPPORTS)
  public List<PushSubscriptionView> list(Caller caller) {
    return ofRecipient(caller.tenantId(), caller.subject()).stream()
        .map(PushSubscriptionView::from)
        .toList();
  }

  /**
   * Removes one of the caller's subscriptions.
   *
   * @throws ProblemException {@code push_subscription_not_found} when the caller has no such one
   */
  public void unsubscribe(Caller caller, UUID id) {
    PushSubscription s = em.find(PushSubscription.class, id);
    if (s == null
        || !s.getTenantId().equals(caller.tenantId())
        || !s.getRecipient().equals(caller.subject())) {
      throw new ProblemException(
          ProblemType.PUSH_SUBSCRIPTION_NOT_FOUND, "no push subscription " + id);
    }
    em.remove(s);
  }

  /** Where to push a recipient's notifications. */
  @TransactionAttribute(TransactionAttributeType.SUPPORTS)
  public List<PushTarget> targets(String tenantId, String recipient) {
    return ofRecipient(tenantId, recipient).stream()
        .map(s -> new PushTarget(s.getId(), s.getEndpoint(), s.getP256dh(), s.getAuth()))
        .toList();
  }

  /** The push service dropped this subscription (404, 410): so do we. */
  public void forget(UUID id) {
    PushSubscription s = em.find(PushSubscription.class, id);
    if (s != null) {
      em.remove(s);
    }
  }

  private List<PushSubscription> ofRecipient(String tenantId, String recipient) {
    return em.createQuery(
            "select s from PushSubscription s where s.tenantId = :tenant"
                + " and s.recipient = :recipient order by s.createdAt",
            PushSubscription.class)
        .setParameter("tenant", tenantId)
        .setParameter("recipient", recipient)
        .getResultList();
  }

  private com.interaso.webpush.VapidKeys requireKeys() {
    return vapid
        .keys()
        .orElseThrow(
            () ->
                new ProblemException(
                    ProblemType.PUSH_NOT_CONFIGURED,
                    "Web Push is not configured on this server (no VAPID keys)"));
  }

  /** One subscription to push to. */
  public record PushTarget(UUID id, String endpoint, String p256dh, String auth) {}
}
