package io.fileparser.queue;

import io.fileparser.dispatch.DispatchPause;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The queue at {@code at}, for one tenant ({@code tenantId}) or every tenant (null): per priority
 * band (kombu priority, 0 served first) what waits in the outbox to be dispatched and what is
 * dispatched but not started; the oldest waiting message; jobs in flight per tenant; dead letters;
 * the pauses in force. {@code broker} (the operator's view only, null when Redis does not answer)
 * is the length of each Redis list the workers take from, every tenant's tasks together.
 */
@Schema(name = "QueueStatus")
public record QueueStatus(
    String tenantId,
    Instant at,
    boolean pausedGlobally,
    Boolean pausedForTenant,
    List<DispatchPause> pauses,
    List<Band> bands,
    Instant oldestWaitingSince,
    Long oldestWaitingSeconds,
    List<TenantInFlight> inFlight,
    long deadLettered,
    List<BrokerList> broker) {

  /**
   * One priority band: {@code waiting} messages due to be dispatched (held back while paused),
   * {@code delayed} ones waiting out a retry backoff, {@code dispatched} jobs whose task the broker
   * holds and no worker started yet; since when the band's oldest waiting message is due (null when
   * none waits).
   */
  @Schema(name = "QueueBand")
  public record Band(
      int priority, long waiting, long delayed, long dispatched, Instant oldestWaitingSince) {}

  /** A tenant's jobs in flight: dispatched and not started, and processing. */
  @Schema(name = "QueueTenantInFlight")
  public record TenantInFlight(String tenantId, long dispatched, long processing) {}

  /** A Redis list of the workers' queue and how many task messages it holds. */
  @Schema(name = "QueueBrokerList")
  public record BrokerList(String key, int priority, long length) {}
}
