package io.fileparser.dispatch;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The dispatch configuration, in one place (MicroProfile Config; defaults in config/). */
@ApplicationScoped
public class DispatchSettings {

  @Inject
  @ConfigProperty(name = "fileparser.celery.queue", defaultValue = "parser")
  String queue;

  @Inject
  @ConfigProperty(name = "fileparser.celery.task", defaultValue = "parser.process_file")
  String taskName;

  @Inject
  @ConfigProperty(name = "fileparser.celery.hard-time-limit-s", defaultValue = "3900")
  int hardTimeLimitSeconds;

  @Inject
  @ConfigProperty(name = "fileparser.celery.soft-time-limit-s", defaultValue = "3600")
  int softTimeLimitSeconds;

  @Inject
  @ConfigProperty(name = "fileparser.dispatch.max-attempts", defaultValue = "4")
  int maxAttempts;

  @Inject
  @ConfigProperty(name = "fileparser.dispatch.backoff-base-ms", defaultValue = "2000")
  long backoffBaseMillis;

  @Inject
  @ConfigProperty(name = "fileparser.dispatch.backoff-max-ms", defaultValue = "300000")
  long backoffMaxMillis;

  @Inject
  @ConfigProperty(name = "fileparser.dispatch.relay-interval-ms", defaultValue = "1000")
  long relayIntervalMillis;

  @Inject
  @ConfigProperty(name = "fileparser.dispatch.silence-window-s", defaultValue = "120")
  long silenceWindowSeconds;

  @Inject
  @ConfigProperty(name = "fileparser.dispatch.sweep-interval-s", defaultValue = "10")
  long sweepIntervalSeconds;

  public String queue() {
    return queue;
  }

  public String taskName() {
    return taskName;
  }

  public int hardTimeLimitSeconds() {
    return hardTimeLimitSeconds;
  }

  public int softTimeLimitSeconds() {
    return softTimeLimitSeconds;
  }

  public RetryPolicy retryPolicy() {
    return new RetryPolicy(
        maxAttempts, Duration.ofMillis(backoffBaseMillis), Duration.ofMillis(backoffMaxMillis));
  }

  public Duration relayInterval() {
    return Duration.ofMillis(relayIntervalMillis);
  }

  /** How long an in-flight job may stay silent before its worker is presumed lost. */
  public Duration silenceWindow() {
    return Duration.ofSeconds(silenceWindowSeconds);
  }

  public Duration sweepInterval() {
    return Duration.ofSeconds(sweepIntervalSeconds);
  }
}
