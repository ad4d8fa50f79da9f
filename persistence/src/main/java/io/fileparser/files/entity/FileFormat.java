package io.fileparser.files.entity;

/** The file formats the upload pipeline accepts, as recognised from their content. */
public enum FileFormat {
  PDF,
  CSV,
  CDR
}
