package io.fileparser.jobcontrol.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.util.Objects;
import java.util.UUID;

/** One job of a bulk operation, in request order; its outcome is null until it is handled. */
@Entity
@Table(name = "bulk_operation_items")
public class BulkItem {

  public static final String DONE = "DONE";
  public static final String SKIPPED = "SKIPPED";
  public static final String FAILED = "FAILED";

  /** The operation and the item's place in it (0, 1, 2, ...). */
  @Embeddable
  public static class Key implements Serializable {
    @Column(name = "operation_id", nullable = false)
    private UUID operationId;

    @Column(nullable = false)
    private int position;

    protected Key() {}

    public Key(UUID operationId, int position) {
      this.operationId = operationId;
      this.position = position;
    }

    public UUID operationId() {
      return operationId;
    }

    public int position() {
      return position;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Key k && operationId.equals(k.operationId) && position == k.position;
    }

    @Override
    public int hashCode() {
      return Objects.hash(operationId, position);
    }
  }

  @EmbeddedId private Key key;

  @Column(name = "job_id", nullable = false)
  private UUID jobId;

  @Column(length = 16)
  private String outcome;

  @Column(length = 64)
  private String reason;

  @Column(name = "job_state", length = 24)
  private String jobState;

  @Column(name = "problem_code", length = 64)
  private String problemCode;

  @Column(name = "problem_status")
  private Integer problemStatus;

  @Column(length = 500)
  private String detail;

  protected BulkItem() {}

  public BulkItem(Key key, UUID jobId) {
    this.key = key;
    this.jobId = jobId;
  }

  /** Records the item's outcome. */
  public void settle(
      String outcome,
      String jobState,
      String reason,
      String problemCode,
      Integer problemStatus,
      String detail) {
    this.outcome = outcome;
    this.jobState = jobState;
    this.reason = reason;
    this.problemCode = problemCode;
    this.problemStatus = problemStatus;
    this.detail = detail == null || detail.length() <= 500 ? detail : detail.substring(0, 500);
  }

  public Key getKey() {
    return key;
  }

  public UUID getJobId() {
    return jobId;
  }

  public String getOutcome() {
    return outcome;
  }

  public String getReason() {
    return reason;
  }

  public String getJobState() {
    return jobState;
  }

  public String getProblemCode() {
    return problemCode;
  }

  public Integer getProblemStatus() {
    return problemStatus;
  }

  public String getDetail() {
    return detail;
  }
}
