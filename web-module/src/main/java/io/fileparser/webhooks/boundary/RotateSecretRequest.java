package io.fileparser.webhooks.boundary;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/**
 * How long the replaced secret keeps signing, in seconds (default 86400, at most 7 days; 0 ends it
 * at once). The body may be left out.
 */
public class RotateSecretRequest {

  @Min(0)
  @Max(604800)
  public Long overlapSeconds;
}
