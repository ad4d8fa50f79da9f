package io.fileparser.jobs.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import java.time.Instant;
import java.util.Objects;

/** Where a running job stands, as its worker last said: percent, step and message. */
@Embeddable
public class Progress {

  @Column(nullable = false)
  private short percent;

  @Column(name = "current_step", length = 32)
  private String step;

  @Column(name = "progress_message", length = 500)
  private String message;

  /** When the worker made the report last applied, where it said (null: not said). */
  @Column(name = "progress_reported_at")
  private Instant reportedAt;

  protected Progress() {}

  static Progress none() {
    return new Progress();
  }

  /** Percent never goes backwards within an attempt, and stays within 0..100. */
  void report(String step, int percent, String message, Instant reportedAt) {
    this.percent = (short) Math.max(this.percent, Math.min(100, Math.max(0, percent)));
    if (step != null) {
      this.step = stored(step);
    }
    this.message = message;
    if (reportedAt != null) {
      this.reportedAt = reportedAt;
    }
  }

  /**
   * Whether a report would tell anything new: a higher percent, another step or message, and not
   * made before the report last applied (an instance that hears a report late, after another
   * instance applied a later one, must not record it again). The times are the workers' clocks: a
   * task redelivered within an attempt to a worker whose clock is behind has its reports ignored
   * until its clock passes the last one applied (its outcome is not affected).
   */
  boolean isNews(String step, int percent, String message, Instant reportedAt) {
    if (reportedAt != null && this.reportedAt != null && reportedAt.isBefore(this.reportedAt)) {
      return false;
    }
    int bounded = Math.min(100, Math.max(0, percent));
    if (bounded != this.percent) {
      return bounded > this.percent;
    }
    return (step != null && !stored(step).equals(this.step))
        || !Objects.equals(message, this.message);
  }

  private static String stored(String step) {
    return step.length() > 32 ? step.substring(0, 32) : step;
  }

  void finished(String step) {
    this.percent = 100;
    this.step = step;
    this.message = null;
  }

  void reset() {
    this.percent = 0;
    this.step = null;
    this.message = null;
    this.reportedAt = null;
  }

  public int percent() {
    return percent;
  }

  public String step() {
    return step;
  }

  public String message() {
    return message;
  }
}
