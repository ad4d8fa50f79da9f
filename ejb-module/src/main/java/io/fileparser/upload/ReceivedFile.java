package io.fileparser.upload;

import io.fileparser.files.entity.ScanStatus;
import io.fileparser.storage.StagedObject;
import io.fileparser.upload.detection.Detection;
import java.time.Instant;

/**
 * A file that has been streamed to staging, hashed, recognised, validated and scanned, but not yet
 * registered. Either {@link UploadService#submit submitted} or {@link UploadService#discard
 * discarded}.
 *
 * @param validationFacts what deep validation found, as JSON; null for a quarantined file
 * @param scan what the malware policy made of the scan (never a refusal: refused files throw)
 * @param signature the malware signature of an infected file
 * @param lateVerdict the scan still running of a file whose scan status is {@code PENDING} because
 *     its verdict had not come when the upload was answered; null otherwise
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
    ScanStatus scan,
    String signature,
    Instant scannedAt,
    LateVerdict lateVerdict) {

  /** Whether the upload is answered before its virus scan's verdict came. */
  public boolean answeredEarly() {
    return lateVerdict != null;
  }
}
