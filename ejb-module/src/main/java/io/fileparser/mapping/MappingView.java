package io.fileparser.mapping;

import com.fasterxml.jackson.annotation.JsonRawValue;
import io.fileparser.jobs.entity.Job;
import io.fileparser.mapping.entity.JobMapping;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A job's mapping as a person works on it: what the worker found (the column profile with ranked
 * suggestions, the sample rows), the fields a column may be mapped to by name, and the mapping so
 * far. {@code state} is {@code PENDING} until a first draft, then {@code DRAFT}, {@code SUBMITTED},
 * {@code APPROVED} or {@code REJECTED}.
 *
 * @param draft the mapping as last sent (PUT), or null
 * @param document the template document the draft makes, or null
 * @param savedTemplate the template (and version) an approval saved the mapping as, or null
 */
public record MappingView(
    UUID jobId,
    String jobState,
    String filename,
    String format,
    String layout,
    Double confidence,
    String state,
    boolean hasHeader,
    List<ColumnProfile.Column> columns,
    List<List<String>> sampleRows,
    String suggestionModelVersion,
    List<TargetFields.Target> targetFields,
    @JsonRawValue String draft,
    @JsonRawValue String document,
    SavedTemplate savedTemplate,
    String reason,
    String updatedBy,
    Instant updatedAt,
    String decidedBy,
    Instant decidedAt) {

  /** The template an approved mapping became. */
  @Schema(name = "SavedMappingTemplate")
  public record SavedTemplate(UUID templateId, int version) {}

  static MappingView of(Job job, JobMapping mapping, ColumnProfile ranked) {
    return new MappingView(
        job.getId(),
        job.getState().name(),
        job.getFilename(),
        job.getFormat().name(),
        job.outcome().layout(),
        job.outcome().confidence(),
        mapping == null ? "PENDING" : mapping.getState().name(),
        ranked.hasHeader(),
        ranked.columns(),
        ranked.sampleRows(),
        ranked.modelVersion(),
        TargetFields.CALL_RECORD,
        mapping == null ? null : mapping.getDraft(),
        mapping == null ? null : mapping.getDocument(),
        mapping == null || mapping.getSavedTemplateId() == null
            ? null
            : new SavedTemplate(mapping.getSavedTemplateId(), mapping.getSavedTemplateVersion()),
        mapping == null ? null : mapping.getReason(),
        mapping == null ? null : mapping.getUpdatedBy(),
        mapping == null ? null : mapping.getUpdatedAt(),
        mapping == null ? null : mapping.getDecidedBy(),
        mapping == null ? null : mapping.getDecidedAt());
  }
}
