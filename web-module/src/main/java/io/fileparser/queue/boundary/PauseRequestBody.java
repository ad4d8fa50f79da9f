package io.fileparser.queue.boundary;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * A pause or resume of dispatch: {@code scope} {@code tenant} (the caller's tenant; the operator
 * names one in {@code tenantId}) or {@code global} (the operator only).
 */
public class PauseRequestBody {

  @NotBlank public String scope;

  @Size(max = 64)
  public String tenantId;
}
