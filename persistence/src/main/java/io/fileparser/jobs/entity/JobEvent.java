package io.fileparser.jobs.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import org.hibernate.annotations.Immutable;

/** One entry of a job's history: a {@link JobChanged} as it was committed. Never updated. */
@Entity
@Immutable // written once, never changed: no flush compares it with what was written
@Table(name = "job_events")
public class JobEvent {

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

  @Enumerated(EnumType.STRING)
  @Column(name = "from_state", length = 24)
  private JobState from;

  @Enumerated(EnumType.STRING)
  @Column(name = "state", nullable = false, length = 24)
  private JobState to;

  @Column(length = 32)
  private String step;

  @Column private Short percent;

  @Column(length = 500)
  private String message;

  @Column(name = "task_id")
  private UUID taskId;

  protected JobEvent() {}

  public JobEvent(JobChanged change) {
    this.key = new Key(change.jobId(), change.seq());
    this.at = change.at();
    this.from = change.from();
    this.to = change.to();
    this.step =
        change.step() == null || change.step().length() <= 32
            ? change.step()
            : change.step().substring(0, 32);
    this.percent = change.percent() == null ? null : change.percent().shortValue();
    this.message = change.detail();
    this.taskId = change.taskId() == null ? null : UUID.fromString(change.taskId());
  }

  public Key getKey() {
    return key;
  }

  public Instant getAt() {
    return at;
  }

  public JobState getFrom() {
    return from;
  }

  public JobState getTo() {
    return to;
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
