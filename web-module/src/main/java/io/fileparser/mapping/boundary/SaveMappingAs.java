package io.fileparser.mapping.boundary;

import jakarta.validation.constraints.Size;
import java.util.UUID;

/**
 * Where an approved mapping is saved: {@code name} makes a new template, {@code templateId} a new
 * version of that template (one of the two); {@code publish} makes the saved version current, so
 * the next upload of that layout uses it without review.
 */
public class SaveMappingAs {

  public UUID templateId;

  @Size(min = 1, max = 200)
  public String name;

  public boolean publish;
}
