package io.fileparser.templates.entity;

/** Whether a template may still be used: an archived one is kept for the jobs that pinned it. */
public enum TemplateState {
  ACTIVE,
  ARCHIVED
}
