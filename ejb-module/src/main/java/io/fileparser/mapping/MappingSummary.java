package io.fileparser.mapping;

import io.fileparser.jobs.entity.Job;
import io.fileparser.mapping.entity.JobMapping;
import java.time.Instant;
import java.util.UUID;

/** A job in the mapping list: the file, what the worker made of it, and how far its mapping is. */
public record MappingSummary(
    UUID jobId,
    String jobState,
    String filename,
    String format,
    String layout,
    Double confidence,
    String state,
    String submittedBy,
    Instant createdAt,
    Instant updatedAt) {

  static MappingSummary of(Job job, JobMapping mapping) {
    return new MappingSummary(
        job.getId(),
        job.getState().name(),
        job.getFilename(),
        job.getFormat().name(),
        job.outcome().layout(),
        job.outcome().confidence(),
        mapping == null ? "PENDING" : mapping.getState().name(),
        job.getSubmittedBy(),
        job.getCreatedAt(),
        mapping == null ? job.getUpdatedAt() : mapping.getUpdatedAt());
  }
}
