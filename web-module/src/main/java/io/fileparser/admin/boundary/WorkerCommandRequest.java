package io.fileparser.admin.boundary;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A Celery remote-control command for one worker. */
@Schema(name = "WorkerCommandRequest")
public class WorkerCommandRequest {

  @NotNull
  @Size(max = 32)
  @Schema(enumeration = {"pool_grow", "pool_shrink", "rate_limit", "shutdown", "stats", "ping"})
  public String command;

  @Schema(description = "pool_grow and pool_shrink: how many processes (1-16, default 1)")
  public Integer n;

  @Size(max = 16)
  @Schema(
      description =
          "rate_limit: the parse task's rate per worker, e.g. 10/s, 100/m, 1000/h; 0 for none")
  public String rate;
}
