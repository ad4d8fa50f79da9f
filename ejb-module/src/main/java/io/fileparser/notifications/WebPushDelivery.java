package io.fileparser.notifications;

import com.interaso.webpush.VapidKeys;
import com.interaso.webpush.WebPush;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.RejectedExecutionException;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Pushes each committed notification to its recipient's browsers (RFC 8030): the message {@link
 * NotificationRecorded#toJson} encrypted for each subscription with aes128gcm (RFC 8291) and signed
 * with the server's VAPID key (RFC 8292), by {@code com.interaso:webpush}; the HTTP request is
 * ours, so that the endpoint rule ({@link PushEndpointPolicy}) holds at every send and redirects
 * are never followed.
 *
 * <p>Runs on the managed executor after commit, one notification at a time per subscription, with
 * short timeouts: a slow or dead push service delays nothing else. Failures are logged and not
 * retried (the feed keeps the notification); 404 and 410 mean the browser unsubscribed, so the
 * subscription is deleted.
 */
@ApplicationScoped
public class WebPushDelivery {

  private static final Logger LOG = Logger.getLogger(WebPushDelivery.class.getName());
  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  @Inject VapidKeyFiles vapid;
  @Inject PushSubscriptions subscriptions;

  @Resource(lookup = "concurrent/parserExecutor")
  ManagedExecutorService executor;

  @Inject
  @ConfigProperty(
      name = "fileparser.webpush.subject",
      defaultValue = "mailto:push@fileparser.invalid")
  String subject;

  @Inject
  @ConfigProperty(name = "fileparser.webpush.allowed-hosts")
  Optional<String> allowedHosts;

  /** How long a push service keeps an undelivered message (its TTL header), in seconds. */
  @Inject
  @ConfigProperty(name = "fileparser.webpush.ttl-s", defaultValue = "86400")
  int ttlSeconds;

  private final HttpClient http =
      HttpClient.newBuilder()
          .connectTimeout(TIMEOUT)
          .followRedirects(HttpClient.Redirect.NEVER)
          .build();

  void onRecorded(@Observes(during = TransactionPhase.AFTER_SUCCESS) NotificationRecorded event) {
    if (vapid.keys().isEmpty()) {
      return;
    }
    try {
      executor.execute(() -> deliver(event));
    } catch (RejectedExecutionException e) {
      LOG.log(Level.FINE, "no thread to push a notification; it stays in the feed", e);
    }
  }

  void deliver(NotificationRecorded event) {
    Optional<VapidKeys> keys = vapid.keys();
    if (keys.isEmpty()) {
      return;
    }
    List<PushSubscriptions.PushTarget> targets;
    try {
      targets = subscriptions.targets(event.tenantId(), event.recipient());
    } catch (RuntimeException e) {
      LOG.log(Level.FINE, "could not read push subscriptions", e);
      return;
    }
    if (targets.isEmpty()) {
      return;
    }
    WebPush push = new WebPush(subject, keys.get());
    byte[] payload = event.toJson().getBytes(StandardCharsets.UTF_8);
    PushEndpointPolicy policy = new PushEndpointPolicy(allowedHosts.orElse(""));
    for (PushSubscriptions.PushTarget target : targets) {
      try {
        send(push, policy, target, payload);
      } catch (RuntimeException e) {
        LOG.log(Level.FINE, e, () -> "push to subscription " + target.id() + " failed");
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private void send(
      WebPush push, PushEndpointPolicy policy, PushSubscriptions.PushTarget target, byte[] payload)
      throws InterruptedException {
    URI endpoint = policy.check(target.endpoint());
    byte[] body =
        push.getBody(
            payload,
            PushKeys.decode(target.p256dh(), "p256dh"),
            PushKeys.decode(target.auth(), "auth"));
    HttpRequest.Builder request =
        HttpRequest.newBuilder(endpoint)
            .timeout(TIMEOUT)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    push.getHeaders(target.endpoint(), ttlSeconds, null, WebPush.Urgency.Normal)
        .forEach(request::header);
    HttpResponse<Void> response;
    try {
      response = http.send(request.build(), HttpResponse.BodyHandlers.discarding());
    } catch (java.io.IOException e) {
      LOG.log(Level.FINE, e, () -> "push service of subscription " + target.id() + " unreachable");
      return;
    }
    int status = response.statusCode();
    if (status == 404 || status == 410) {
      subscriptions.forget(target.id());
    } else if (status >= 300) {
      LOG.fine(() -> "push service answered " + status + " for subscription " + target.id());
    }
  }
}
