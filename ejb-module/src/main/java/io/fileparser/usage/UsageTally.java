package io.fileparser.usage;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Puts one tenant-day-metric's figure together from PostgreSQL and a Redis snapshot taken just
 * before, counting each API call once:
 *
 * <ul>
 *   <li>the counters, less what folds after the snapshot's round added (those calls were live in
 *       Redis at the snapshot, and are counted from there);
 *   <li>plus the live counts of the snapshot;
 *   <li>plus its pending counts that PostgreSQL does not show applied.
 * </ul>
 */
public final class UsageTally {

  /** One tenant's figure of one metric on one day. */
  public record Key(String tenantId, LocalDate day, UsageMetric metric) {}

  /** A row of the database's reading: {@code seq} 0 for a counter, else a fold applied. */
  public record Row(long seq, String tenantId, LocalDate day, UsageMetric metric, long value) {}

  private final Map<Key, Long> totals = new HashMap<>();

  private UsageTally() {}

  /** The figures of {@code rows} (read after {@code redis} was taken) and {@code redis}. */
  public static UsageTally of(List<Row> rows, ApiCallLedger.Snapshot redis) {
    UsageTally tally = new UsageTally();
    Set<String> applied = new HashSet<>();
    for (Row row : rows) {
      Key key = new Key(row.tenantId(), row.day(), row.metric());
      if (row.seq() == 0) {
        tally.add(key, row.value());
      } else if (row.seq() > redis.seq()) {
        tally.add(key, -row.value());
      } else {
        applied.add(row.seq() + "|" + key);
      }
    }
    for (ApiCallCount live : redis.live()) {
      tally.add(new Key(live.tenantId(), live.day(), live.metric()), live.value());
    }
    for (ApiCallCount pending : redis.pending()) {
      Key key = new Key(pending.tenantId(), pending.day(), pending.metric());
      if (!applied.contains(pending.seq() + "|" + key)) {
        tally.add(key, pending.value());
      }
    }
    return tally;
  }

  private void add(Key key, long value) {
    totals.merge(key, value, Long::sum);
  }

  /** The figure, 0 when nothing was counted. */
  public long get(String tenantId, LocalDate day, UsageMetric metric) {
    return totals.getOrDefault(new Key(tenantId, day, metric), 0L);
  }

  /** Every key with a figure. */
  public Set<Key> keys() {
    return totals.keySet();
  }
}
