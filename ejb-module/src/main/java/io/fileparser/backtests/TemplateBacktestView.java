package io.fileparser.backtests;

import com.fasterxml.jackson.annotation.JsonRawValue;
import io.fileparser.backtests.entity.TemplateBacktest;
import java.time.Instant;
import java.util.UUID;

/**
 * A back-test of draft {@code version} against {@code againstVersion} (the current one) on {@code
 * files} of the tenant's files: {@code RUNNING}, then {@code COMPLETED} with the workers' {@code
 * result} (per file and in total: rows compared and changed, rows that start or stop being
 * accepted, and per field the rows whose value changes and that start or stop validating) or {@code
 * FAILED} with the {@code error}.
 */
public record TemplateBacktestView(
    UUID id,
    UUID templateId,
    int version,
    int againstVersion,
    String state,
    int files,
    @JsonRawValue String result,
    String error,
    String createdBy,
    Instant createdAt,
    Instant finishedAt) {

  public static TemplateBacktestView from(TemplateBacktest b) {
    return new TemplateBacktestView(
        b.getId(),
        b.getTemplateId(),
        b.getVersion(),
        b.getAgainstVersion(),
        b.getState().name(),
        b.getFiles(),
        b.getResult(),
        b.getError(),
        b.getCreatedBy(),
        b.getCreatedAt(),
        b.getFinishedAt());
  }
}
