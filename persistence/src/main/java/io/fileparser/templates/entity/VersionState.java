package io.fileparser.templates.entity;

/**
 * A version's life: an open {@code DRAFT} (at most one per template, replaced by the next edit),
 * the {@code PUBLISHED} one in use, or {@code SUPERSEDED} by a later publication. Only a draft
 * changes.
 */
public enum VersionState {
  DRAFT,
  PUBLISHED,
  SUPERSEDED
}
