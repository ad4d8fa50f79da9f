package io.fileparser.queue;

import io.fileparser.dispatch.DispatchPause;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The queue at {@code at}, for one tenant ({@code tenantId}) or every tenant (null): per priority
 * band (kombu priority, 0 served first) what waits in the outbox to be dispatched and what is
 * dispatched but not started; the oldest waiting message; jobs in flight per tenant, with its limit
 * and the jobs that limit holds back; dead letters; the pauses in force. {@code broker} (the
 * operator's view only, null when Redis does not answer) is the length of each Redis list the
 * workers take from, every tenant's tasks together.
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

  /**
   * A tenant's jobs in flight: dispatched and not started, and processing; its limit of jobs in
   * flight, and how many of its jobs due to be dispatched are held in the outbox by that limit
   * (queued, not dispatched, until one in flight finishes).
   */
  @Schema(name = "QueueTenantInFlight")
  public record TenantInFlight(
      String tenantId,
      long dispatched,
      long processing,
      @Schema(description = "Jobs in flight the tenant may have at once") int limit,
      @Schema(description = "Jobs due to be dispatched and held back by the limit") long held) {

    /** Its jobs in flight. */
    public long inFlight() {
      return dispatched + processing;
    }
  }

  /** A Redis list of the workers' queue and how many task messages it holds. */
  @Schema(name = "QueueBrokerList")
  public record BrokerList(String key, int priority, long length) {}
}
