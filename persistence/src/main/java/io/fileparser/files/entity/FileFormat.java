package io.fileparser.files.entity;

/**
 * The file formats the upload pipeline accepts, as recognised from their content; {@code UNKNOWN}
 * only for a quarantined file, whose format nobody checked because nobody will parse it.
 */
public enum FileFormat {
  PDF,
  CSV,
  CDR,
  UNKNOWN
}
