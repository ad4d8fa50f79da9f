package io.fileparser.progress.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** One entry of a job's ordered progress history: a state change or an accepted progress report. */
@Entity
@Table(name = "job_progress")
public class ProgressEntry {

  /** (job, sequence number): the sequence orders a job's history without relying on clocks. */
  @Embeddable
  public static class Key implements Serializable {
    @Column(name = "job_id", nullable = false)
    private UUID jobId;

    @Column(nullable = false)
    private int seq;

    protected Key() {}

    public Key(UUID jobId, int seq) {
      this.jobId = jobId;
      this.seq = seq;
    }

    public UUID jobId() {
      return jobId;
    }

    public int seq() {
      return seq;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Key k && jobId.equals(k.jobId) && seq == k.seq;
    }

    @Override
    public int hashCode() {
      return Objects.hash(jobId, seq);
    }
  }

  @EmbeddedId private Key key;

  @Column(nullable = false)
  private Instant at;

  @Column(nullable = false, length = 24)
  private String state;

  @Column(length = 32)
  private String step;

  @Column private Short percent;

  @Column(length = 500)
  private String message;

  @Column(name = "task_id")
  private UUID taskId;

  protected ProgressEntry() {}

  public ProgressEntry(
      Key key,
      Instant at,
      String state,
      String step,
      Integer percent,
      String message,
      UUID taskId) {
    this.key = key;
    this.at = at;
    this.state = state;
    this.step = step;
    this.percent = percent == null ? null : percent.shortValue();
    this.message = message;
    this.taskId = taskId;
  }

  public Key getKey() {
    return key;
  }

  public Instant getAt() {
    return at;
  }

  public String getState() {
    return state;
  }

  public String getStep() {
    return step;
  }

  public Integer getPercent() {
    return percent == null ? null : percent.intValue();
  }

  public String getMessage() {
    return message;
  }

  public UUID getTaskId() {
    return taskId;
  }
}
