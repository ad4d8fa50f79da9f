package io.fileparser.mapping.boundary;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** An admin's rejection of a job's mapping, with the reason the job fails for. */
public class RejectMappingRequest {

  @NotBlank
  @Size(max = 2000)
  public String reason;
}
