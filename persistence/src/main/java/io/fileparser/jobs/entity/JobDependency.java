package io.fileparser.jobs.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import java.util.Objects;
import java.util.UUID;

/**
 * A job another job waits for, and how it finished: open ({@code outcome} null) until the job it
 * names reaches a terminal state for the first time; that state is kept, whatever becomes of the
 * dependency later (a retry, a deletion).
 */
@Embeddable
public class JobDependency {

  @Column(name = "depends_on_job_id", nullable = false)
  private UUID jobId;

  @Enumerated(EnumType.STRING)
  @Column(name = "outcome", length = 24)
  private JobState outcome;

  protected JobDependency() {}

  /**
   * @param outcome the terminal state the dependency is in already, or null while it runs
   */
  public JobDependency(UUID jobId, JobState outcome) {
    this.jobId = Objects.requireNonNull(jobId);
    if (outcome != null && !outcome.isTerminal()) {
      throw new IllegalArgumentException(outcome + " is not a finished state");
    }
    this.outcome = outcome;
  }

  public UUID jobId() {
    return jobId;
  }

  /** The terminal state the dependency reached, or null while it has not finished. */
  public JobState outcome() {
    return outcome;
  }

  public boolean isOpen() {
    return outcome == null;
  }

  /** Whether the dependency finished without completing. */
  public boolean isFailed() {
    return outcome != null && outcome != JobState.COMPLETED;
  }

  void finish(JobState state) {
    this.outcome = state;
  }
}
