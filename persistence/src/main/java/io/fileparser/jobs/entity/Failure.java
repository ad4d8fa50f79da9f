package io.fileparser.jobs.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

/** Why the job's last attempt failed, and what its owner can do about it. */
@Embeddable
public class Failure {

  @Column(name = "error_category", length = 64)
  private String category;

  @Column(name = "error_message", length = 2000)
  private String message;

  @Column(length = 1000)
  private String remediation;

  protected Failure() {}

  public Failure(String category, String message, String remediation) {
    this.category = category;
    this.message = truncate(message, 2000);
    this.remediation = truncate(remediation, 1000);
  }

  /** The file was found infected. */
  public static Failure malware(String signature, String remediation) {
    return new Failure("malware_detected", signature, remediation);
  }

  public String category() {
    return category;
  }

  public String message() {
    return message;
  }

  public String remediation() {
    return remediation;
  }

  private static String truncate(String s, int max) {
    return s == null || s.length() <= max ? s : s.substring(0, max);
  }
}
