package io.fileparser.webhooks;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Posts one message: the exact stored body, signed to the Standard Webhooks specification ({@code
 * webhook-id}, {@code webhook-timestamp}, {@code webhook-signature}). Redirects are not followed (a
 * 3xx is a failed attempt), the URL is checked by the SSRF guard right before the request, and
 * every attempt has a time limit. Only the first {@link #EXCERPT_BYTES} bytes of an answer are
 * read.
 */
@ApplicationScoped
public class WebhookSender {

  static final int EXCERPT_BYTES = 1000;

  @Inject WebhookSettings settings;

  private volatile HttpClient client;

  /** Sends without blocking; the future never fails, a failure is a result. */
  public CompletableFuture<DeliveryResult> send(Delivery delivery) {
    var refusal = settings.guard().refusal(delivery.url());
    if (refusal.isPresent()) {
      return CompletableFuture.completedFuture(
          new DeliveryResult(null, "target_refused", 0, null, refusal.get(), null));
    }
    byte[] body = delivery.payload().getBytes(StandardCharsets.UTF_8);
    long timestamp = Instant.now().getEpochSecond();
    HttpRequest request =
        HttpRequest.newBuilder(delivery.url())
            .timeout(settings.timeout())
            .header("Content-Type", "application/json")
            .header("User-Agent", "file-parser-webhooks/1")
            .header("webhook-id", delivery.webhookId())
            .header("webhook-timestamp", Long.toString(timestamp))
            .header(
                "webhook-signature",
                WebhookSignature.header(delivery.secrets(), delivery.webhookId(), timestamp, body))
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build();
    long started = System.nanoTime();
    return client()
        .sendAsync(request, HttpResponse.BodyHandlers.ofInputStream())
        .thenApply(response -> answered(response, started))
        .exceptionally(e -> failed(e, started));
  }

  private static DeliveryResult answered(HttpResponse<InputStream> response, long started) {
    String excerpt;
    try (InputStream in = response.body()) {
      excerpt = new String(in.readNBytes(EXCERPT_BYTES), StandardCharsets.UTF_8);
    } catch (IOException e) {
      excerpt = null;
    }
    int status = response.statusCode();
    String outcome =
        status >= 200 && status < 300
            ? "delivered"
            : status >= 300 && status < 400 ? "redirect_not_followed" : "http_error";
    return new DeliveryResult(
        status,
        outcome,
        millisSince(started),
        excerpt == null || excerpt.isEmpty() ? null : excerpt,
        null,
        response.headers().firstValue("Retry-After").map(WebhookSender::retryAfter).orElse(null));
  }

  private static DeliveryResult failed(Throwable e, long started) {
    Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
    String outcome =
        cause instanceof HttpTimeoutException
            ? "timeout"
            : cause instanceof ConnectException ? "connection_failed" : "connection_failed";
    String message =
        cause.getClass().getSimpleName()
            + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
    return new DeliveryResult(
        null, outcome, millisSince(started), null, truncate(message, 500), null);
  }

  /** {@code Retry-After} as seconds or an HTTP date; null when it is neither. */
  static Duration retryAfter(String value) {
    String text = value.strip();
    try {
      long seconds = Long.parseLong(text);
      return seconds < 0 ? null : Duration.ofSeconds(seconds);
    } catch (NumberFormatException e) {
      try {
        Instant at = ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        Duration wait = Duration.between(Instant.now(), at);
        return wait.isNegative() ? Duration.ZERO : wait;
      } catch (java.time.format.DateTimeParseException notADate) {
        return null;
      }
    }
  }

  private HttpClient client() {
    HttpClient c = client;
    if (c == null) {
      synchronized (this) {
        if (client == null) {
          client =
              HttpClient.newBuilder()
                  .version(HttpClient.Version.HTTP_1_1)
                  .followRedirects(HttpClient.Redirect.NEVER)
                  .connectTimeout(settings.timeout())
                  .build();
        }
        c = client;
      }
    }
    return c;
  }

  private static int millisSince(long started) {
    return (int) Math.min(Integer.MAX_VALUE, (System.nanoTime() - started) / 1_000_000);
  }

  private static String truncate(String text, int max) {
    return text.length() <= max ? text : text.substring(0, max);
  }
}
