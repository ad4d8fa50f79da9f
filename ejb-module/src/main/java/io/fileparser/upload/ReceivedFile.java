package io.fileparser.upload;

import io.fileparser.storage.StagedObject;
import io.fileparser.upload.detection.Detection;
import java.time.Instant;

/**
 * A file that has been streamed to staging, hashed, recognised, validated and scanned, but not yet
 * registered. Either {@link UploadService#submit submitted} or {@link UploadService#discard
 * discarded}.
 */
public record ReceivedFile(
    StagedObject staged,
    String filename,
    String sha256,
    long size,
    Detection detection,
    Instant receivedAt,
    Instant storedAt,
    boolean decompressed,
    String validationFacts,
    Scan scan,
    String signature,
    Instant scannedAt) {

  /** What the virus scanner said. */
  public enum Scan {
    CLEAN,
    /** Scanning is off, or clamd was unreachable and the configuration fails open. */
    SKIPPED,
    /** clamd was unreachable and the configuration fails closed: the job waits for a rescan. */
    PENDING,
    /** Infected, and the tenant keeps such files in quarantine (else it was refused outright). */
    INFECTED
  }
}
