package io.fileparser.notifications;

import io.fileparser.events.JobEventType;
import java.util.Arrays;
import java.util.Optional;

/** What a notification tells of, in the names clients switch on. */
public enum NotificationKind {
  JOB_COMPLETED("job.completed", "Job completed"),
  JOB_FAILED("job.failed", "Job failed"),
  /** Fired as {@link JobNeedsMapping} when a job starts waiting for a mapping. */
  JOB_NEEDS_MAPPING("job.needs_mapping", "Job needs a mapping"),
  JOB_DEAD_LETTERED("job.dead_lettered", "Job dead-lettered"),
  /** Hook: fired as {@link WebhookEndpointDisabled} by the webhooks capability. */
  WEBHOOK_ENDPOINT_DISABLED("webhook.endpoint_disabled", "Webhook endpoint disabled"),
  /** Hook: fired as {@link AlertChanged} by the monitoring capability, to the tenant's admins. */
  ALERT_FIRED(AlertChanged.FIRED, "Alert fired"),
  ALERT_CLEARED(AlertChanged.CLEARED, "Alert cleared");

  private final String wireName;
  private final String title;

  NotificationKind(String wireName, String title) {
    this.wireName = wireName;
    this.title = title;
  }

  public String wireName() {
    return wireName;
  }

  /** A short line a person reads first. */
  public String title() {
    return title;
  }

  /** The kind of that wire name, if it is one. */
  public static Optional<NotificationKind> fromWireName(String name) {
    return Arrays.stream(values()).filter(k -> k.wireName.equals(name)).findFirst();
  }

  /**
   * The notification a job event is worth, if any: a job's outcome (completed, failed,
   * dead-lettered). Everything on the way there (queued, progress, retried) is for the live event
   * stream, not a feed; a cancellation is the canceller's own doing; a quarantine is answered to
   * the uploader at once and audited.
   */
  public static Optional<NotificationKind> of(JobEventType event) {
    return switch (event) {
      case COMPLETED -> Optional.of(JOB_COMPLETED);
      case FAILED -> Optional.of(JOB_FAILED);
      case DEAD_LETTERED -> Optional.of(JOB_DEAD_LETTERED);
      default -> Optional.empty();
    };
  }
}
