package io.fileparser.jobcontrol.boundary;

import io.fileparser.jobs.JobFilter;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * The jobs a bulk request acts on, by the filters of {@code GET /jobs} under the same names (lists
 * as JSON arrays of strings, everything else as strings; see {@link JobFilter}). Empty means every
 * job of the tenant.
 */
public class BulkFilter {

  @Size(max = 20)
  public List<String> state;

  @Size(max = 10)
  public List<String> format;

  @Size(max = 10)
  public List<String> priority;

  public String createdFrom;

  public String createdTo;

  public String completedFrom;

  public String completedTo;

  public String filename;

  public String q;

  public String template;

  public String templateVersion;

  public String needsMapping;

  @Size(max = 20)
  public List<String> errorCategory;

  public String submittedBy;

  @Size(max = 10)
  public List<String> metadata;

  JobFilter.Input toInput() {
    return new JobFilter.Input(
        state,
        format,
        priority,
        createdFrom,
        createdTo,
        completedFrom,
        completedTo,
        filename,
        q,
        template,
        templateVersion,
        needsMapping,
        errorCategory,
        submittedBy,
        metadata);
  }
}
