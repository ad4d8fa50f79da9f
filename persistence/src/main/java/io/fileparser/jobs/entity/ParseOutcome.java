package io.fileparser.jobs.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

/**
 * What a worker found in a file, as the job stores it: classification, counts, where the records
 * are, and the rest of the worker's summary as JSON.
 */
@Embeddable
public class ParseOutcome {

  @Column(length = 64)
  private String layout;

  @Column(name = "template_matched", length = 100)
  private String templateMatched;

  @Column(name = "template_version")
  private Integer templateVersion;

  @Column private Double confidence;

  @Column(name = "needs_mapping", nullable = false)
  private boolean needsMapping;

  @Column(name = "record_count")
  private Long recordCount;

  @Column(name = "records_uri", length = 2048)
  private String recordsUri;

  /** The worker's result beyond the columns above (fields, quality, timings), as JSON. */
  @Column(name = "result_summary", columnDefinition = "text")
  private String summaryJson;

  protected ParseOutcome() {}

  public ParseOutcome(
      String layout,
      String templateMatched,
      Integer templateVersion,
      Double confidence,
      boolean needsMapping,
      Long recordCount,
      String recordsUri,
      String summaryJson) {
    this.layout = layout;
    this.templateMatched = templateMatched;
    this.templateVersion = templateVersion;
    this.confidence = confidence;
    this.needsMapping = needsMapping;
    this.recordCount = recordCount;
    this.recordsUri = recordsUri;
    this.summaryJson = summaryJson;
  }

  static ParseOutcome none() {
    return new ParseOutcome();
  }

  /** Whether a worker has classified the file (a completed job always has). */
  public boolean isClassified() {
    return layout != null;
  }

  public String layout() {
    return layout;
  }

  public String templateMatched() {
    return templateMatched;
  }

  public Integer templateVersion() {
    return templateVersion;
  }

  public Double confidence() {
    return confidence;
  }

  public boolean needsMapping() {
    return needsMapping;
  }

  public Long recordCount() {
    return recordCount;
  }

  public String recordsUri() {
    return recordsUri;
  }

  public String summaryJson() {
    return summaryJson;
  }
}
