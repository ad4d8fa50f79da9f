package io.fileparser.resumable.entity;

import java.util.Locale;

/** Where a resumable upload stands; stored by its lower-case name. */
public enum UploadState {
  /** Chunks are still welcome. */
  RECEIVING,
  /** Every byte arrived and the pipeline made a job of it. */
  COMPLETED,
  /** Every byte arrived but the pipeline refused the file (the failure says why). */
  FAILED,
  /** The client terminated it; its bytes are gone. */
  TERMINATED;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  static UploadState of(String wireName) {
    return valueOf(wireName.toUpperCase(Locale.ROOT));
  }
}
