package io.fileparser.webhooks;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The webhook configuration, in one place (MicroProfile Config; defaults in config/). */
@ApplicationScoped
public class WebhookSettings {

  private static final Logger LOG = Logger.getLogger(WebhookSettings.class.getName());

  @Inject
  @ConfigProperty(name = "fileparser.webhooks.retry-schedule", defaultValue = RetrySchedule.DEFAULT)
  String retrySchedule;

  @Inject
  @ConfigProperty(name = "fileparser.webhooks.allowed-targets")
  Optional<String> allowedTargets;

  @Inject
  @ConfigProperty(name = "fileparser.webhooks.secret-key")
  Optional<String> secretKey;

  @Inject
  @ConfigProperty(name = "fileparser.webhooks.disable-after-s", defaultValue = "432000")
  long disableAfterSeconds;

  @Inject
  @ConfigProperty(name = "fileparser.webhooks.timeout-ms", defaultValue = "10000")
  long timeoutMillis;

  @Inject
  @ConfigProperty(name = "fileparser.webhooks.poll-interval-ms", defaultValue = "1000")
  long pollIntervalMillis;

  private RetrySchedule schedule;
  private TargetGuard guard;
  private SecretSeal seal;

  @PostConstruct
  void read() {
    schedule = RetrySchedule.parse(retrySchedule);
    guard = TargetGuard.withAllowList(allowedTargets.orElse(""));
    seal = new SecretSeal(secretKey.orElse(null));
    if (!seal.hasKey()) {
      LOG.warning(
          "fileparser.webhooks.secret-key is not set: webhook secrets are stored unencrypted");
    }
  }

  public RetrySchedule schedule() {
    return schedule;
  }

  public TargetGuard guard() {
    return guard;
  }

  public SecretSeal seal() {
    return seal;
  }

  /** An endpoint whose attempts have all failed for this long is disabled. */
  public Duration disableAfter() {
    return Duration.ofSeconds(disableAfterSeconds);
  }

  /** The whole time one attempt may take, connection included. */
  public Duration timeout() {
    return Duration.ofMillis(timeoutMillis);
  }

  public Duration pollInterval() {
    return Duration.ofMillis(pollIntervalMillis);
  }
}
