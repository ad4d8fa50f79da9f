package io.fileparser.monitoring;

import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Where the time of the jobs that finished in the last {@code windowHours} before {@code at} went,
 * for one tenant ({@code tenantId}) or every tenant (null): per format and template, per step of
 * the breakdown, the slowest jobs, and the jobs running longest now.
 *
 * @param templates per format, template and version: outcomes, queue wait against processing
 * @param steps per step of the jobs' breakdown: how long it took
 * @param slowest the finished jobs that took longest from entering the queue to their outcome
 * @param longestRunning the jobs running now that started first
 */
@Schema(name = "Diagnostics")
public record DiagnosticsReport(
    String tenantId,
    Instant at,
    Instant from,
    int windowHours,
    List<TemplateFigures> templates,
    List<StepFigures> steps,
    List<SlowJob> slowest,
    List<RunningJob> longestRunning) {

  /**
   * The finished jobs of one format and template ({@code template}: the one the worker matched,
   * else the one asked for; null for neither). {@code queueShare} is the part of their time in the
   * queue spent waiting for a worker (0 to 1; null when nothing was measured): near 1 means more
   * workers help, near 0 means the parsing itself is slow.
   */
  @Schema(name = "DiagnosticsTemplateFigures")
  public record TemplateFigures(
      String format,
      String template,
      Integer templateVersion,
      long completed,
      long failed,
      Percentiles queueWaitSeconds,
      Percentiles processingSeconds,
      double totalProcessingSeconds,
      Double queueShare) {}

  /** One step of the breakdown ({@code received} to {@code parsed}) over the finished jobs. */
  @Schema(name = "DiagnosticsStepFigures")
  public record StepFigures(String step, long jobs, Percentiles seconds) {}

  /**
   * A finished job: {@code totalSeconds} from entering the queue (or its creation) to the outcome,
   * of which {@code queueWaitSeconds} waiting for a worker and {@code processingSeconds} on it.
   */
  @Schema(name = "DiagnosticsSlowJob")
  public record SlowJob(
      String jobId,
      String tenantId,
      String format,
      String template,
      Integer templateVersion,
      String state,
      long sizeBytes,
      int attempts,
      Instant createdAt,
      Instant finishedAt,
      double totalSeconds,
      Double queueWaitSeconds,
      Double processingSeconds) {}

  /** A job a worker is on now, and for how long. */
  @Schema(name = "DiagnosticsRunningJob")
  public record RunningJob(
      String jobId,
      String tenantId,
      String format,
      String template,
      long sizeBytes,
      int attempts,
      Instant startedAt,
      double runningSeconds) {}
}
