package io.fileparser.templates.boundary;

import jakarta.validation.constraints.Size;

/**
 * A request to copy a template into the caller's tenant; {@code name} absent keeps the source's. A
 * plain class, not a record: Payara's OpenAPI scanner fails on the constraints a record copies onto
 * its constructor.
 */
public class CopyTemplateRequest {

  @Size(min = 1, max = 200)
  public String name;
}
