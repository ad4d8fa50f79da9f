package io.fileparser.templates;

import io.fileparser.templates.entity.TemplateVersion;
import java.time.Instant;
import java.util.List;

/** Every version of a template, oldest first, without their documents. */
public record TemplateVersionList(List<Summary> items) {

  /** One version: its number, state and who made and published it when. */
  public record Summary(
      int version,
      String state,
      String createdBy,
      Instant createdAt,
      String publishedBy,
      Instant publishedAt) {

    static Summary from(TemplateVersion v) {
      return new Summary(
          v.getVersion(),
          v.getState().name(),
          v.getCreatedBy(),
          v.getCreatedAt(),
          v.getPublishedBy(),
          v.getPublishedAt());
    }
  }
}
