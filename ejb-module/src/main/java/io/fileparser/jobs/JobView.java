package io.fileparser.jobs;

import com.fasterxml.jackson.annotation.JsonRawValue;
import io.fileparser.files.entity.StoredFile;
import io.fileparser.jobs.entity.Attempt;
import io.fileparser.jobs.entity.Failure;
import io.fileparser.jobs.entity.Job;
import io.fileparser.jobs.entity.JobStep;
import io.fileparser.jobs.entity.ParseOutcome;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A job as the API shows it: state, steps, the file it parses and its timestamps. {@code
 * templateVersion} is the version of {@code templateId} the job was pinned to at upload. {@code
 * dependsOn} lists the jobs it waits (or waited) for, each with the state it finished in (null
 * while it runs), and {@code onDependencyFailure} its policy (null without dependencies); {@code
 * scheduleAt} is the earliest instant it enters the queue (null: at once).
 */
public record JobView(
    UUID id,
    String state,
    int priority,
    String filename,
    String templateId,
    Integer templateVersion,
    @JsonRawValue String metadata,
    FileView file,
    DuplicateView duplicateOf,
    List<StepView> steps,
    ProgressView progress,
    ClassificationView classification,
    Boolean needsMapping,
    Long recordCount,
    @JsonRawValue String result,
    int attempts,
    Integer queuePriority,
    ErrorView error,
    PerformanceView performance,
    String submittedBy,
    Instant createdAt,
    Instant updatedAt,
    Instant queuedAt,
    Instant dispatchedAt,
    Instant startedAt,
    Instant finishedAt,
    List<DependencyView> dependsOn,
    String onDependencyFailure,
    Instant scheduleAt) {

  /** A job this one waits for, and the state it finished in (null while it has not finished). */
  public record DependencyView(UUID jobId, String outcome) {}

  /** Facts about the stored bytes. */
  public record FileView(UUID id, String sha256, long size, String mimeType, String format) {
    static FileView from(StoredFile f) {
      return new FileView(
          f.getId(), f.getSha256(), f.getSizeBytes(), f.getMimeType(), f.getFormat().name());
    }
  }

  /** Present when the same bytes had already been uploaded by the tenant. */
  public record DuplicateView(UUID fileId, UUID jobId) {}

  /** One step of the breakdown. */
  public record StepView(
      String name, String status, Instant startedAt, Instant finishedAt, String detail) {
    static StepView from(JobStep s) {
      return new StepView(
          s.getName().wireName(),
          s.getStatus().name(),
          s.getStartedAt(),
          s.getFinishedAt(),
          s.getDetail());
    }
  }

  /** Where a running job stands. */
  public record ProgressView(int percent, String step, String message) {}

  /** What the parser recognised, and how sure it is (0-1). */
  public record ClassificationView(
      String layout, String templateMatched, Integer templateVersion, Double confidence) {}

  /**
   * Why the last attempt failed, and what the user can do about it: the category of the documented
   * taxonomy ({@link ErrorTaxonomy}), its kind and whether the platform retries it by itself.
   */
  public record ErrorView(
      String category, String kind, boolean retried, String message, String remediation) {
    static ErrorView from(Failure failure) {
      ErrorTaxonomy.Category category = ErrorTaxonomy.of(failure.category());
      return new ErrorView(
          failure.category(),
          category.kind().wireName(),
          category.retried(),
          failure.message(),
          failure.remediation() != null ? failure.remediation() : category.remediation());
    }
  }

  /**
   * How fast the job went: seconds waiting in the queue (queued to started), processing (started to
   * finished) and in all (created to finished), and records and bytes per second of processing.
   * Null where not measured yet; the worker's own figures (rows read and rejected, each stage's
   * milliseconds, its peak memory) are in {@code result}.
   */
  public record PerformanceView(
      Double queueWaitSeconds,
      Double processingSeconds,
      Double totalSeconds,
      Double recordsPerSecond,
      Double bytesPerSecond) {

    static PerformanceView from(Job job) {
      Double wait = seconds(job.getQueuedAt(), job.getStartedAt());
      Double processing = seconds(job.getStartedAt(), job.getFinishedAt());
      Double total = seconds(job.getCreatedAt(), job.getFinishedAt());
      if (wait == null && processing == null && total == null) {
        return null;
      }
      Long records = job.outcome().recordCount();
      boolean measurable = processing != null && processing > 0;
      return new PerformanceView(
          wait,
          processing,
          total,
          measurable && records != null ? rate(records, processing) : null,
          measurable ? rate(job.getFile().getSizeBytes(), processing) : null);
    }

    private static Double seconds(Instant from, Instant to) {
      if (from == null || to == null || to.isBefore(from)) {
        return null;
      }
      return java.time.Duration.between(from, to).toNanos() / 1_000_000 / 1000.0;
    }

    private static Double rate(long amount, double seconds) {
      return Math.round(amount / seconds * 10) / 10.0;
    }
  }

  public static JobView from(Job job) {
    ParseOutcome outcome = job.outcome();
    Failure failure = job.failure();
    Attempt attempt = job.attempt();
    return new JobView(
        job.getId(),
        job.getState().name(),
        job.getPriority(),
        job.getFilename(),
        job.getTemplateId(),
        job.getPinnedTemplateVersion(),
        job.getMetadata(),
        FileView.from(job.getFile()),
        job.getDuplicateOfJobId() == null
            ? null
            : new DuplicateView(job.getFile().getId(), job.getDuplicateOfJobId()),
        job.getSteps().stream().map(StepView::from).toList(),
        new ProgressView(job.progress().percent(), job.progress().step(), job.progress().message()),
        outcome.isClassified()
            ? new ClassificationView(
                outcome.layout(),
                outcome.templateMatched(),
                outcome.templateVersion(),
                outcome.confidence())
            : null,
        outcome.isClassified() ? outcome.needsMapping() : null,
        outcome.recordCount(),
        outcome.summaryJson(),
        attempt.count(),
        attempt.kombuPriority(),
        failure == null ? null : ErrorView.from(failure),
        PerformanceView.from(job),
        job.getSubmittedBy(),
        job.getCreatedAt(),
        job.getUpdatedAt(),
        job.getQueuedAt(),
        attempt.dispatchedAt(),
        job.getStartedAt(),
        job.getFinishedAt(),
        job.getDependencies().stream()
            .map(
                d -> new DependencyView(d.jobId(), d.outcome() == null ? null : d.outcome().name()))
            .toList(),
        job.getOnDependencyFailure() == null
            ? null
            : job.getOnDependencyFailure().name().toLowerCase(java.util.Locale.ROOT),
        job.getScheduleAt());
  }
}
