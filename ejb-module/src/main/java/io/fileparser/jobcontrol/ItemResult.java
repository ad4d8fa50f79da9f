package io.fileparser.jobcontrol;

import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * What a bulk operation did to one job: {@code done} (or, in a dry run, would be done), {@code
 * skipped} with a {@code reason} (the action does not apply to the job's state) or {@code failed}
 * with a {@code problem} (the job is not found, or the caller may not change it). {@code state} is
 * the job's state after the action (before it in a dry run), absent for a deleted or unknown job.
 */
@Schema(name = "BulkItem")
public record ItemResult(UUID jobId, String outcome, String state, String reason, Problem problem) {

  public static final String DONE = "done";
  public static final String SKIPPED = "skipped";
  public static final String FAILED = "failed";

  /** Why an item failed, as the single-job endpoint would have answered. */
  @Schema(name = "BulkItemProblem")
  public record Problem(String code, int status, String detail) {}

  static ItemResult done(UUID jobId, String state) {
    return new ItemResult(jobId, DONE, state, null, null);
  }

  static ItemResult skipped(UUID jobId, String state, String reason) {
    return new ItemResult(jobId, SKIPPED, state, reason, null);
  }

  static ItemResult failed(UUID jobId, String code, int status, String detail) {
    return new ItemResult(jobId, FAILED, null, null, new Problem(code, status, detail));
  }
}
