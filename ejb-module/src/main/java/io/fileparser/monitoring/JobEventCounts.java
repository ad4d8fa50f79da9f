package io.fileparser.monitoring;

import io.fileparser.events.JobEventType;
import io.fileparser.jobs.JobChanges;
import io.fileparser.jobs.entity.JobChanged;
import io.fileparser.telemetry.Telemetry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;

/**
 * Counts every committed job change by its event type ({@code fileparser_job_events_total}), on the
 * instance that made it: jobs created, completed, failed, retried, dead-lettered and the rest, the
 * way subscribers name them.
 */
@ApplicationScoped
public class JobEventCounts {

  @Inject Telemetry telemetry;

  void onChanged(@Observes(during = TransactionPhase.AFTER_SUCCESS) JobChanges changes) {
    for (JobChanged change : changes.changes()) {
      telemetry.jobEvent(
          JobEventType.of(change.from(), change.to(), change.step(), change.percent()).wireName());
    }
  }
}
