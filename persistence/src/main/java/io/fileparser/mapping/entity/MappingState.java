package io.fileparser.mapping.entity;

/**
 * Where a job's mapping stands: a draft anyone who may draft edits; submitted once it has been
 * checked against the sample rows without problems; approved or rejected by an admin, for good.
 */
public enum MappingState {
  DRAFT,
  SUBMITTED,
  APPROVED,
  REJECTED;

  public boolean isDecided() {
    return this == APPROVED || this == REJECTED;
  }
}
