package io.fileparser.monitoring;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * What a dashboard shows of one tenant ({@code tenantId}) or of every tenant (null) over the last
 * {@code windowHours} before {@code at}: uploads, jobs by state, processing figures per format, the
 * queue as it is now, and for the operator the fleet of workers.
 *
 * @param jobsByState the jobs created in the window, by their state now
 * @param completedPerHour jobs completed in the window, per hour
 * @param failureRate failed or dead-lettered among the jobs finished in the window (0 to 1), null
 *     when none finished
 * @param fleet the workers (the operator's view only, else null)
 */
@Schema(name = "DashboardSummary")
public record DashboardSummary(
    String tenantId,
    Instant at,
    Instant from,
    int windowHours,
    Uploads uploads,
    Map<String, Long> jobsByState,
    double completedPerHour,
    Double failureRate,
    List<FormatFigures> formats,
    Queue queue,
    Fleet fleet) {

  /** Files received in the window (jobs created), and their bytes as stored. */
  @Schema(name = "DashboardUploads")
  public record Uploads(long files, long bytes) {}

  /**
   * The jobs of one format that finished in the window: how many completed and failed, the time
   * from dispatch-or-start to the outcome ({@code processingSeconds}: from the worker's start to
   * the end) and from queueing to the worker's start ({@code queueWaitSeconds}).
   */
  @Schema(name = "DashboardFormatFigures")
  public record FormatFigures(
      String format,
      long completed,
      long failed,
      Percentiles processingSeconds,
      Percentiles queueWaitSeconds) {}

  /**
   * The queue now: messages waiting to be dispatched (and delayed by a retry's backoff), tasks
   * dispatched and not started, jobs running, the oldest waiting message's age, dead letters, and
   * whether dispatch is paused (globally; for the tenant, on a tenant's view).
   */
  @Schema(name = "DashboardQueue")
  public record Queue(
      long waiting,
      long delayed,
      long dispatched,
      long running,
      Long oldestWaitingSeconds,
      long deadLettered,
      boolean pausedGlobally,
      Boolean pausedForTenant) {}

  /** Workers heard from: alive (a heartbeat within their interval) and stale ones. */
  @Schema(name = "DashboardFleet")
  public record Fleet(int liveWorkers, int staleWorkers, long activeTasks) {}
}
