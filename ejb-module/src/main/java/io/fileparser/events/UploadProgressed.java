package io.fileparser.events;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.UUID;

/**
 * A resumable upload moved on: bytes arrived, or it completed, failed or was joined. Handed to the
 * tenant's live subscribers as an {@code upload.progress} event ({@link #toJson}): {@code {type,
 * tenantId, uploadId, at, data}}. An upload is not a job yet, so the event has no seq, is not
 * recorded and is never replayed: it is a reading of a gauge, and the next one replaces it.
 *
 * @param state {@code receiving}, {@code completed}, {@code failed} or {@code terminated}
 * @param length null while the upload's length is deferred
 * @param etaSeconds the time left at the current speed; null when unknown
 * @param jobId the job the complete upload made, else null
 */
public record UploadProgressed(
    String tenantId,
    UUID uploadId,
    Instant at,
    String state,
    long bytesReceived,
    Long length,
    double bytesPerSecond,
    Long etaSeconds,
    UUID jobId) {

  /** The event's type on the live channels. */
  public static final String TYPE = "upload.progress";

  private static final ObjectMapper JSON = new ObjectMapper();

  /** The event as JSON, the same bytes for every channel. */
  public String toJson() {
    ObjectNode node = JSON.createObjectNode();
    node.put("type", TYPE);
    node.put("tenantId", tenantId);
    node.put("uploadId", uploadId.toString());
    node.put("at", at.toString());
    ObjectNode data = node.putObject("data");
    data.put("state", state);
    data.put("bytesReceived", bytesReceived);
    if (length != null) {
      data.put("length", length);
      data.put("percent", length == 0 ? 100 : (int) (bytesReceived * 100 / length));
    }
    data.put("bytesPerSecond", Math.round(bytesPerSecond));
    if (etaSeconds != null) {
      data.put("etaSeconds", etaSeconds);
    }
    if (jobId != null) {
      data.put("jobId", jobId.toString());
    }
    return node.toString();
  }
}
