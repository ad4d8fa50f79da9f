package io.fileparser.dispatch;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToIntFunction;

/**
 * Which tenants' due messages a relay batch takes, and in which order it pushes them (issues 12 and
 * 13): no tenant gets more jobs in flight than its limit, and the tenants with work due share the
 * batch round-robin, the tenant with the fewest jobs in flight first (then the one whose oldest
 * message waits longest), one message each per round. Within a priority list the pushes alternate
 * between tenants the same way, so a tenant's single job is not pushed behind another's burst.
 * Plain rules, no database: {@link OutboxBatch} counts, locks and claims.
 */
public final class FairShare {

  private FairShare() {}

  /**
   * A tenant with messages due.
   *
   * @param inFlight its jobs pushed to the broker and not finished
   * @param limit how many it may have in flight
   * @param due its messages due and not held by a pause
   * @param oldestDue since when its oldest due message waits
   */
  public record Demand(String tenantId, long inFlight, int limit, long due, Instant oldestDue) {

    /** How many more of its jobs may go out now. */
    public long capacity() {
      return Math.max(0, Math.min(due, limit - inFlight));
    }
  }

  /** The order tenants are served in: fewest in flight, then longest waiting, then by id. */
  public static List<Demand> servingOrder(Collection<Demand> demands) {
    List<Demand> ordered = new ArrayList<>(demands);
    ordered.sort(
        Comparator.comparingLong(Demand::inFlight)
            .thenComparing(Demand::oldestDue, Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(Demand::tenantId));
    return ordered;
  }

  /**
   * How many messages each tenant gets in a batch of at most {@code batch}: one per tenant per
   * round, in serving order, while it has capacity left.
   *
   * @param demands in serving order
   * @return tenant to count, in serving order, only tenants that get at least one
   */
  public static Map<String, Integer> allocate(List<Demand> demands, int batch) {
    Map<String, Integer> granted = new LinkedHashMap<>();
    int left = batch;
    boolean grantedThisRound = true;
    while (left > 0 && grantedThisRound) {
      grantedThisRound = false;
      for (Demand demand : demands) {
        if (left == 0) {
          break;
        }
        int already = granted.getOrDefault(demand.tenantId(), 0);
        if (already < demand.capacity()) {
          granted.put(demand.tenantId(), already + 1);
          left--;
          grantedThisRound = true;
        }
      }
    }
    return granted;
  }

  /**
   * The order to push claimed messages in: by priority list, and within one list round-robin over
   * the tenants in serving order, each tenant's messages in the order they were claimed (priority,
   * then the order they became due).
   *
   * @param tenants in serving order
   * @param claimed each tenant's claimed messages, in claim order
   */
  public static <T> List<T> pushOrder(
      List<String> tenants, Map<String, List<T>> claimed, ToIntFunction<T> priority) {
    record Slot<T>(T message, int priority, int rank, int tenant) {}
    List<Slot<T>> slots = new ArrayList<>();
    for (int t = 0; t < tenants.size(); t++) {
      Map<Integer, Integer> ranks = new HashMap<>();
      for (T message : claimed.getOrDefault(tenants.get(t), List.of())) {
        int p = priority.applyAsInt(message);
        int rank = ranks.merge(p, 1, Integer::sum);
        slots.add(new Slot<>(message, p, rank, t));
      }
    }
    slots.sort(
        Comparator.<Slot<T>>comparingInt(Slot::priority)
            .thenComparingInt(Slot::rank)
            .thenComparingInt(Slot::tenant));
    return slots.stream().map(Slot::message).toList();
  }
}
