package io.fileparser.resumable;

import io.fileparser.resumable.entity.ResumableUpload;
import java.time.Instant;
import java.util.UUID;

/**
 * Where a resumable upload stands ({@code GET /upload/stream/{id}}; HEAD answers a part of it as
 * headers).
 *
 * @param state {@code receiving}, {@code completed}, {@code failed} or {@code terminated}
 * @param length null while the length is deferred
 * @param bytesReceived the same as the offset: every received byte is kept
 * @param bytesPerSecond a moving average over the chunks so far
 * @param etaSeconds the time left at that speed; null when unknown
 * @param jobId the job created when the upload completed
 * @param sha256 the SHA-256 of the whole upload, once complete
 * @param failureCode the problem code when the pipeline refused the complete file
 */
public record UploadStatus(
    UUID id,
    String state,
    long offset,
    Long length,
    long bytesReceived,
    double bytesPerSecond,
    Long etaSeconds,
    Instant expiresAt,
    String filename,
    String rawMetadata,
    UUID jobId,
    String sha256,
    String failureCode,
    String failureDetail) {

  static UploadStatus from(ResumableUpload upload) {
    return new UploadStatus(
        upload.getId(),
        upload.state().wireName(),
        upload.getOffset(),
        upload.getLength(),
        upload.getOffset(),
        upload.getBytesPerSecond(),
        TransferRate.etaSeconds(upload.getLength(), upload.getOffset(), upload.getBytesPerSecond()),
        upload.getExpiresAt(),
        upload.getFilename(),
        upload.getRawMetadata(),
        upload.getJobId(),
        upload.getSha256(),
        upload.getFailureCode(),
        upload.getFailureDetail());
  }

  public boolean isComplete() {
    return length != null && offset == length;
  }
}
