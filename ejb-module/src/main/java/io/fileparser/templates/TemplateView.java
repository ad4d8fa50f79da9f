package io.fileparser.templates;

import io.fileparser.templates.entity.Template;
import java.time.Instant;
import java.util.UUID;

/**
 * A template as the API shows it: {@code currentVersion} is the published one uploads use (null
 * until a first publication), {@code draftVersion} the open draft if there is one. A {@code system}
 * template has a {@code key} and is read-only.
 */
public record TemplateView(
    UUID id,
    String name,
    String format,
    boolean system,
    String key,
    String state,
    Integer currentVersion,
    Integer draftVersion,
    int latestVersion,
    String createdBy,
    Instant createdAt,
    Instant updatedAt) {

  public static TemplateView from(Template t) {
    int published = t.getCurrentVersion() == null ? 0 : t.getCurrentVersion();
    return new TemplateView(
        t.getId(),
        t.getName(),
        t.getFormat(),
        t.isSystem(),
        t.getKey(),
        t.getState().name(),
        t.getCurrentVersion(),
        t.getLatestVersion() > published ? t.getLatestVersion() : null,
        t.getLatestVersion(),
        t.getCreatedBy(),
        t.getCreatedAt(),
        t.getUpdatedAt());
  }
}
