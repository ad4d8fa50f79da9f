package io.fileparser.jobcontrol.boundary;

import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * The jobs a bulk request acts on, by the filters of {@code GET /jobs}: states and formats (any
 * case), created at or after {@code createdFrom} and before {@code createdTo} (ISO-8601), and a
 * part of the file name. Empty means every job of the tenant.
 */
public class BulkFilter {

  @Size(max = 20)
  public List<String> state;

  @Size(max = 10)
  public List<String> format;

  public String createdFrom;

  public String createdTo;

  public String filename;
}
