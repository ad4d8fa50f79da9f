package io.fileparser.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fileparser.jobcontrol.BulkProgressed;
import java.util.Set;

/**
 * Readings: what the tenant-wide live channels carry besides job events, an upload's progress
 * ({@link UploadProgressed}, {@code upload.progress}) and a bulk operation's ({@link
 * BulkProgressed}, {@code bulk.progress}). They have no seq, are not recorded and are never
 * replayed: the next reading of the same thing replaces the last.
 */
public final class Readings {

  /** The types of readings. */
  public static final Set<String> TYPES = Set.of(UploadProgressed.TYPE, BulkProgressed.TYPE);

  private static final ObjectMapper JSON = new ObjectMapper();

  private Readings() {}

  /** The tenant of a reading as its {@code toJson} wrote it; null for anything else. */
  static String tenantOf(String json) {
    try {
      JsonNode node = JSON.readTree(json);
      return node != null
              && TYPES.contains(node.path("type").asText())
              && node.path("tenantId").isTextual()
          ? node.path("tenantId").asText()
          : null;
    } catch (JsonProcessingException e) {
      return null;
    }
  }
}
