package io.fileparser.webhooks.boundary;

import jakarta.validation.constraints.NotNull;
import java.time.Instant;

/** Every message given up that was written at or after {@code since} (ISO-8601) is sent again. */
public class RecoverRequest {

  @NotNull public Instant since;
}
