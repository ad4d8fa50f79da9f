package io.fileparser.templates.boundary;

import jakarta.validation.constraints.Size;
import java.util.Map;

/**
 * An admin's approval of a discovered layout: {@code document} (a template document) in place of
 * the proposed one, {@code name} for the template, {@code publish} to publish its version 1 at
 * once. All optional. A plain class, not a record: Payara's OpenAPI scanner fails on the
 * constraints a record copies onto its constructor.
 */
public class ApproveProposalRequest {

  @Size(min = 1, max = 200)
  public String name;

  public Boolean publish;

  public Map<String, Object> document;
}
