package io.fileparser.jobs.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import java.time.Instant;

/** One line of a job's step breakdown (received, stored, validated, queued, parsed, ...). */
@Embeddable
public class JobStep {

  /** Where a step stands. */
  public enum Status {
    PENDING,
    RUNNING,
    DONE,
    FAILED,
    SKIPPED
  }

  @Convert(converter = Step.ByWireName.class)
  @Column(nullable = false, length = 32)
  private Step name;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false, length = 16)
  private Status status;

  @Column(name = "started_at")
  private Instant startedAt;

  @Column(name = "finished_at")
  private Instant finishedAt;

  @Column(length = 500)
  private String detail;

  protected JobStep() {}

  public JobStep(Step name, Status status, Instant startedAt, Instant finishedAt, String detail) {
    this.name = name;
    this.status = status;
    this.startedAt = startedAt;
    this.finishedAt = finishedAt;
    this.detail = detail;
  }

  public static JobStep done(Step name, Instant startedAt, Instant finishedAt, String detail) {
    return new JobStep(name, Status.DONE, startedAt, finishedAt, detail);
  }

  public static JobStep pending(Step name, String detail) {
    return new JobStep(name, Status.PENDING, null, null, detail);
  }

  public Step getName() {
    return name;
  }

  public Status getStatus() {
    return status;
  }

  public Instant getStartedAt() {
    return startedAt;
  }

  public Instant getFinishedAt() {
    return finishedAt;
  }

  public String getDetail() {
    return detail;
  }
}
