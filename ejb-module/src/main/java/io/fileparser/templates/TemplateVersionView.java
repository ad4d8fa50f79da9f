package io.fileparser.templates;

import com.fasterxml.jackson.annotation.JsonRawValue;
import io.fileparser.templates.entity.TemplateVersion;
import java.time.Instant;
import java.util.UUID;

/** Version n of a template with its document (docs/template-format.md). */
public record TemplateVersionView(
    UUID templateId,
    int version,
    String state,
    @JsonRawValue String document,
    String createdBy,
    Instant createdAt,
    String publishedBy,
    Instant publishedAt) {

  public static TemplateVersionView from(TemplateVersion v) {
    return new TemplateVersionView(
        v.getTemplateId(),
        v.getVersion(),
        v.getState().name(),
        v.getDocument(),
        v.getCreatedBy(),
        v.getCreatedAt(),
        v.getPublishedBy(),
        v.getPublishedAt());
  }
}
