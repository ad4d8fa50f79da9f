package io.fileparser.upload;

/** The file formats the upload pipeline accepts, as recognised from their content. */
public enum FileFormat {
  PDF,
  CSV,
  CDR
}
