package io.fileparser.resumable;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.fileparser.resumable.entity.ResumableUpload;
import java.time.Instant;
import java.util.List;
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
 * @param concat {@code partial} or {@code final} for the uploads of a tus concatenation, else null
 * @param partials a final upload's partial uploads, in order; empty for any other upload
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
    String failureDetail,
    String concat,
    List<UUID> partials) {

  public UploadStatus {
    partials = partials == null ? List.of() : List.copyOf(partials);
  }

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
        upload.getFailureDetail(),
        upload.getConcat(),
        List.of());
  }

  /**
   * A final upload's status: its partials, and, until it is complete, the bytes they received so
   * far. Its speed is theirs added up (they arrive side by side), its time left that of the
   * slowest.
   */
  UploadStatus withPartials(List<UploadStatus> parts) {
    List<UUID> ids = parts.stream().map(UploadStatus::id).toList();
    if (state.equals("completed")) {
      return withPartials(ids, bytesReceived, bytesPerSecond, etaSeconds);
    }
    long received = parts.stream().mapToLong(UploadStatus::bytesReceived).sum();
    double speed = parts.stream().mapToDouble(UploadStatus::bytesPerSecond).sum();
    Long eta = null;
    for (UploadStatus part : parts) {
      if (part.isComplete()) {
        continue;
      }
      if (part.etaSeconds() == null) {
        eta = null;
        break;
      }
      eta = eta == null ? part.etaSeconds() : Math.max(eta, part.etaSeconds());
    }
    if (eta == null && parts.stream().allMatch(UploadStatus::isComplete)) {
      eta = 0L;
    }
    return withPartials(ids, received, speed, eta);
  }

  private UploadStatus withPartials(List<UUID> ids, long received, double speed, Long eta) {
    return new UploadStatus(
        id,
        state,
        offset,
        length,
        received,
        speed,
        eta,
        expiresAt,
        filename,
        rawMetadata,
        jobId,
        sha256,
        failureCode,
        failureDetail,
        concat,
        ids);
  }

  @JsonIgnore
  public boolean isFinal() {
    return "final".equals(concat);
  }

  @JsonIgnore
  public boolean isPartial() {
    return "partial".equals(concat);
  }

  public boolean isComplete() {
    return length != null && offset == length;
  }
}
