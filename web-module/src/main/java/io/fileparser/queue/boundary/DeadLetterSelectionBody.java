package io.fileparser.queue.boundary;

import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.UUID;

/**
 * The dead letters a re-queue or purge acts on: {@code jobIds}, or {@code all: true} optionally
 * narrowed to one {@code tenantId} (the operator) and one {@code format}. The number of jobs is
 * limited by the bulk limit; the size here only bounds the body.
 */
public class DeadLetterSelectionBody {

  @Size(max = 100_000)
  public List<UUID> jobIds;

  public Boolean all;

  @Size(max = 64)
  public String tenantId;

  @Size(max = 16)
  public String format;
}
