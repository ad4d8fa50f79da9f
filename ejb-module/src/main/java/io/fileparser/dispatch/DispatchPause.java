package io.fileparser.dispatch;

import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A pause of dispatch in force: for one tenant ({@code tenantId}), or for every tenant ({@code
 * tenantId} null, {@code scope} global), with who paused it and when.
 */
@Schema(name = "DispatchPause")
public record DispatchPause(String scope, String tenantId, String pausedBy, Instant pausedAt) {

  public static final String GLOBAL = "global";
  public static final String TENANT = "tenant";
}
