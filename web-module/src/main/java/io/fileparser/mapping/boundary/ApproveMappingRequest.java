package io.fileparser.mapping.boundary;

import jakarta.validation.Valid;

/**
 * An admin's approval; {@code saveAs} absent approves without saving a template. A plain class, not
 * a record: Payara's OpenAPI scanner fails on the constraints a record copies onto its constructor.
 */
public class ApproveMappingRequest {

  @Valid public SaveMappingAs saveAs;
}
