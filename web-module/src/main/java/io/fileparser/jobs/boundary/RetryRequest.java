package io.fileparser.jobs.boundary;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/**
 * Options of a retry, both optional (the body may be left out): a new urgency 0-9 for this and
 * later attempts, and a published version of the job's template to pin instead of the one it had.
 */
public class RetryRequest {

  @Min(0)
  @Max(9)
  public Integer priority;

  @Min(1)
  public Integer templateVersion;
}
