package io.fileparser.jobcontrol;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.UUID;

/**
 * A bulk operation that runs in the background moved on: it started, a batch of its jobs was acted
 * on, or it completed. Handed to the tenant's live subscribers as a {@code bulk.progress} reading
 * (the events capability publishes it among its readings): {@code {type, tenantId, operationId, at,
 * data: {action, state, dryRun, total, done, skipped, failed, processed, percent}}}; {@code GET
 * /jobs/bulk/operations/{operationId}} holds the items.
 */
public record BulkProgressed(
    String tenantId,
    UUID operationId,
    Instant at,
    String action,
    String state,
    boolean dryRun,
    int total,
    int done,
    int skipped,
    int failed) {

  /** The reading's type on the live channels. */
  public static final String TYPE = "bulk.progress";

  private static final ObjectMapper JSON = new ObjectMapper();

  /** The reading as JSON, the same bytes for every channel. */
  public String toJson() {
    int processed = done + skipped + failed;
    ObjectNode node = JSON.createObjectNode();
    node.put("type", TYPE);
    node.put("tenantId", tenantId);
    node.put("operationId", operationId.toString());
    node.put("at", at.toString());
    ObjectNode data = node.putObject("data");
    data.put("action", action);
    data.put("state", state);
    data.put("dryRun", dryRun);
    data.put("total", total);
    data.put("done", done);
    data.put("skipped", skipped);
    data.put("failed", failed);
    data.put("processed", processed);
    data.put("percent", total == 0 ? 100 : processed * 100 / total);
    return node.toString();
  }
}
