package io.fileparser.notifications;

import io.fileparser.events.JobEventMessage;
import io.fileparser.jobs.JobChangeListener;
import io.fileparser.jobs.entity.Job;
import io.fileparser.jobs.entity.JobChanged;
import io.fileparser.notifications.entity.Notification;
import jakarta.ejb.Local;
import jakarta.ejb.LocalBean;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Writes the notifications, each in the transaction of the change it tells of (so a rolled-back
 * change leaves none), and announces them for delivery after commit ({@link NotificationRecorded}).
 * Which changes notify whom: {@link NotificationKind#of} and the capability's package doc.
 */
@Stateless
@Local(JobChangeListener.class)
@LocalBean
public class NotificationRecorder implements JobChangeListener {

  /**
   * The recipient of what concerns a tenant's admins as a group (alerts): the feed every admin and
   * owner of the tenant reads besides their own, with its read marks shared. No caller's subject
   * has this form (they are {@code user:...} or {@code apikey:...}).
   */
  public static final String ADMINS = "group:admins";

  /** A notification's message is cut to this many characters (the column's width). */
  static final int MESSAGE_LIMIT = 2000;

  @PersistenceContext EntityManager em;
  @Inject Event<NotificationRecorded> recorded;

  /** A job's outcome, for whoever submitted the job. */
  @TransactionAttribute(TransactionAttributeType.MANDATORY)
  @Override
  public void onChanges(List<JobChanged> changes) {
    for (JobChanged change : changes) {
      onChanged(change);
    }
  }

  void onChanged(JobChanged change) {
    if (NotificationKind.of(JobEventMessage.of(change).type()).isEmpty()) {
      return; // most changes: no need to load the job
    }
    Job job = em.find(Job.class, change.jobId());
    if (job != null) {
      forJob(change, job.getSubmittedBy(), job.getFilename()).ifPresent(this::write);
    }
  }

  /**
   * The notification a job's change is worth, if any ({@link NotificationKind#of}): for the caller
   * who submitted the job, naming the file and what the change says.
   */
  static Optional<Notification> forJob(JobChanged change, String submittedBy, String filename) {
    JobEventMessage event = JobEventMessage.of(change);
    if (submittedBy == null || submittedBy.isBlank()) {
      return Optional.empty();
    }
    return NotificationKind.of(event.type())
        .map(
            kind ->
                new Notification(
                    change.tenantId(),
                    submittedBy,
                    kind.wireName(),
                    change.jobId(),
                    event.id(),
                    kind.title(),
                    describe(filename, change.detail()),
                    change.at() == null ? Instant.now() : change.at()));
  }

  /** Hook: a job waits for a mapping; its submitter is told. */
  public void onNeedsMapping(@Observes JobNeedsMapping needs) {
    record(
        needs.tenantId(),
        needs.submittedBy(),
        NotificationKind.JOB_NEEDS_MAPPING,
        needs.jobId(),
        null,
        needs.detail(),
        needs.at());
  }

  /** Hook: a webhook endpoint was disabled; its owner is told. */
  public void onWebhookEndpointDisabled(@Observes WebhookEndpointDisabled disabled) {
    record(
        disabled.tenantId(),
        disabled.owner(),
        NotificationKind.WEBHOOK_ENDPOINT_DISABLED,
        null,
        null,
        describe(disabled.url(), disabled.reason()),
        disabled.at());
  }

  /**
   * Hook: an alert of a tenant fired or cleared; its admins and owners are told, on the feed they
   * share. A platform alert (no tenant) has no feed: the operator reads the alert list.
   */
  public void onAlert(@Observes AlertChanged alert) {
    if (alert.tenantId() == null) {
      return;
    }
    record(
        alert.tenantId(),
        ADMINS,
        alert.firing() ? NotificationKind.ALERT_FIRED : NotificationKind.ALERT_CLEARED,
        null,
        null,
        describe(alert.rule(), alert.message()),
        alert.at());
  }

  private void record(
      String tenantId,
      String recipient,
      NotificationKind kind,
      UUID jobId,
      String eventId,
      String message,
      Instant at) {
    if (recipient == null || recipient.isBlank()) {
      return;
    }
    write(
        new Notification(
            tenantId,
            recipient,
            kind.wireName(),
            jobId,
            eventId,
            kind.title(),
            message,
            at == null ? Instant.now() : at));
  }

  private void write(Notification row) {
    em.persist(row);
    recorded.fire(
        new NotificationRecorded(
            row.getTenantId(), row.getRecipient(), NotificationView.from(row)));
  }

  /** "what: detail", within the column's width. */
  static String describe(String what, String detail) {
    String text =
        what == null ? detail : detail == null || detail.isBlank() ? what : what + ": " + detail;
    return text == null || text.length() <= MESSAGE_LIMIT
        ? text
        : text.substring(0, MESSAGE_LIMIT - 1) + "…";
  }
}
