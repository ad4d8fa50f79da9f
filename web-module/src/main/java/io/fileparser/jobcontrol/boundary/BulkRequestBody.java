package io.fileparser.jobcontrol.boundary;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.UUID;

/**
 * A bulk request: {@code action} (cancel, retry, delete or reprioritize), the jobs either as {@code
 * jobIds} or as a {@code filter}, {@code priority} 0-9 (reprioritize; optional for retry) and
 * {@code dryRun} (report what would happen, change nothing). The number of jobs is limited by the
 * server's configuration; the size here only bounds the body.
 */
public class BulkRequestBody {

  @NotBlank public String action;

  @Size(max = 100_000)
  public List<UUID> jobIds;

  @Valid public BulkFilter filter;

  @Min(0)
  @Max(9)
  public Integer priority;

  public Boolean dryRun;
}
