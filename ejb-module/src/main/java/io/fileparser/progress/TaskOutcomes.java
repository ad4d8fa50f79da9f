package io.fileparser.progress;

import com.fasterxml.jackson.databind.JsonNode;
import io.fileparser.dispatch.ApprovedMappings;
import io.fileparser.dispatch.Retries;
import io.fileparser.jobs.ErrorTaxonomy;
import io.fileparser.jobs.JobEvents;
import io.fileparser.jobs.JobLocks;
import io.fileparser.jobs.entity.Failure;
import io.fileparser.jobs.entity.Job;
import io.fileparser.jobs.entity.JobState;
import io.fileparser.jobs.entity.ParseOutcome;
import io.fileparser.notifications.JobNeedsMapping;
import io.fileparser.storage.ObjectStore;
import io.fileparser.telemetry.Telemetry;
import io.fileparser.templates.TemplateDiscovery;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Applies what the workers report to the jobs. Idempotent: a state is matched to a job by the task
 * id of the job's current attempt, so results of an old attempt, a task that ran twice, or a job
 * already finished or cancelled change nothing. A result that needs mapping leaves the job waiting
 * for a person ({@code NEEDS_MAPPING}, the submitter notified, its layout proposed as a template),
 * unless a person approved the mapping the attempt read the file with.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class TaskOutcomes {

  static final String UNTRUSTED_RESULT = "UntrustedResult";
  private static final Logger LOG = Logger.getLogger(TaskOutcomes.class.getName());

  @PersistenceContext EntityManager em;
  @Inject Retries retries;
  @Inject JobEvents events;
  @Inject ObjectStore store;
  @Inject Event<JobNeedsMapping> needsMapping;
  @Inject ApprovedMappings approvedMappings;
  @Inject Telemetry telemetry;
  @Inject TemplateDiscovery discovery;

  /** Applies one task state; returns whether it changed a job. */
  public boolean apply(TaskState state) {
    Optional<Job> found = JobLocks.lockByTask(em, state.taskId());
    if (found.isEmpty() || found.get().getState().isTerminal()) {
      return false;
    }
    Job job = found.get();
    Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
    Instant dispatched = job.attempt().dispatchedAt(); // before a retry starts a new attempt
    switch (state.status()) {
      case "STARTED" -> {
        if (!job.reportProgress("started", 0, "a worker took the job", now)) {
          return false; // another instance applied it, or progress is further along
        }
      }
      case "PROGRESS" -> {
        JsonNode meta = state.result();
        boolean news =
            job.reportProgress(
                meta.path("step").asText(null),
                meta.path("percent").asInt(job.progress().percent()),
                truncate(meta.path("message").asText(null), 500),
                state.reportedAt(),
                now);
        if (!news) {
          return false; // another instance applied it first
        }
      }
      case "SUCCESS" -> {
        ParseOutcome reported = outcome(state.result());
        URI assigned = store.resultLocation(job.getTenantId(), job.getId(), job.attempt().count());
        if (reported.recordsUri() != null && !reported.recordsUri().equals(assigned.toString())) {
          LOG.warning(
              () ->
                  "task "
                      + state.taskId()
                      + " of job "
                      + job.getId()
                      + " reported records at "
                      + reported.recordsUri()
                      + ", not at the assigned "
                      + assigned
                      + ": the attempt fails");
          retries.afterFailure(job, untrustedResult(), now);
        } else if (reported.needsMapping() && !isMapped(job)) {
          job.awaitMapping(reported, now);
          discovery.jobNeedsMapping(job, now);
          needsMapping.fire(
              new JobNeedsMapping(
                  job.getTenantId(),
                  job.getId(),
                  job.getSubmittedBy(),
                  now,
                  "no template fits the columns of "
                      + job.getFilename()
                      + " well enough; map them to go on"));
        } else {
          job.complete(reported, now);
        }
        measure(
            job,
            job.getState() == JobState.NEEDS_MAPPING ? "needs_mapping" : "completed",
            dispatched,
            now);
      }
      case "FAILURE" -> {
        String category = Optional.ofNullable(state.exceptionType()).orElse("UnknownError");
        String message = truncate(state.exceptionMessage(), 2000);
        retries.afterFailure(
            job, new Failure(category, message, remediation(category, message)), now);
        measure(job, "failed", dispatched, now);
      }
      case "REVOKED" -> {
        // Revokes come from cancel (the job is already terminal) or from a retry that replaced
        // the task (its id is no longer the job's). Anything else is left to the lost-work sweep.
        LOG.info(() -> "task " + state.taskId() + " of job " + job.getId() + " was revoked");
        return false;
      }
      default -> {
        return false;
      }
    }
    events.publish(job);
    return true;
  }

  /**
   * Whether a person approved a mapping for the job (what dispatch sent the workers with it): its
   * attempt read the file with that mapping, so the result completes the job whatever confidence
   * the worker reports.
   */
  private boolean isMapped(Job job) {
    return approvedMappings.of(job.getId()).isPresent();
  }

  /** Times the attempt a worker just finished, from its dispatch (when this instance knows it). */
  private void measure(Job job, String outcome, Instant dispatched, Instant now) {
    if (dispatched != null) {
      telemetry.processed(job.getFormat().name(), outcome, Duration.between(dispatched, now));
    }
  }

  /** The task ids of jobs in flight, to reconcile after the subscription was interrupted. */
  @TransactionAttribute(TransactionAttributeType.SUPPORTS)
  public List<String> inFlightTaskIds() {
    return em.createNamedQuery(Job.IN_FLIGHT, String.class).getResultList();
  }

  static ParseOutcome outcome(JsonNode result) {
    JsonNode classification = result.path("classification");
    return new ParseOutcome(
        truncate(classification.path("layout").asText(null), 64),
        truncate(classification.path("templateMatched").asText(null), 100),
        classification.path("templateVersion").isInt()
            ? classification.get("templateVersion").asInt()
            : null,
        classification.path("confidence").isNumber()
            ? Math.max(0, Math.min(1, classification.get("confidence").asDouble()))
            : null,
        result.path("needsMapping").asBoolean(false),
        result.path("recordCount").isNumber() ? result.get("recordCount").asLong() : null,
        result.path("recordsUri").asText(null),
        ResultSummary.of(result));
  }

  /**
   * A worker reported its records somewhere else than the API told it to write them: whatever is
   * there is not trusted (it may be another tenant's or another attempt's), so the attempt fails.
   */
  static Failure untrustedResult() {
    return new Failure(
        UNTRUSTED_RESULT,
        "the worker reported its records at a location it was not assigned",
        "the parser is misconfigured; the job is retried, contact support if it fails again");
  }

  /**
   * A hint a user can act on, by error category ({@link ErrorTaxonomy}); a file's own error keeps
   * the worker's message, which is specific already.
   */
  static String remediation(String category, String message) {
    if ("BadFile".equals(category) && message != null) {
      return message;
    }
    return ErrorTaxonomy.of(category).remediation();
  }

  private static String truncate(String s, int max) {
    return s == null || s.length() <= max ? s : s.substring(0, max);
  }
}
