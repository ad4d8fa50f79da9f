package io.fileparser.templates.boundary;

import jakarta.validation.constraints.Size;

/** An admin's rejection of a discovered layout, with an optional reason. */
public class RejectProposalRequest {

  @Size(max = 2000)
  public String reason;
}
