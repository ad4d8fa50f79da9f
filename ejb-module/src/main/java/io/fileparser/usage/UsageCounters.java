package io.fileparser.usage;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.FlushModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.Query;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Raises a tenant's usage counters, always in the caller's transaction: the count commits with the
 * change it counts, or rolls back with it, so the figures reconcile exactly with what happened.
 *
 * <p>Each figure (tenant, UTC day, metric) is kept in up to {@value #STRIPES} rows, its stripes,
 * each raised by an upsert ({@code value = value + x}) and read as their sum. A transaction counts
 * into the stripe of the thread it runs on ({@link #stripe()}): a row lock is held to the commit,
 * and with one row per figure every upload of a tenant waited for the commit of the one before it;
 * concurrent transactions now mostly take different rows, and those that share a stripe queue on it
 * rather than lose a count. Within a call the rows are taken in the order of {@link UsageMetric},
 * and callers change the stored bytes ({@link #storageChanged}) last, so two transactions never
 * take the same rows in opposite orders.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.MANDATORY)
public class UsageCounters {

  /** How many rows a figure may be kept in (the schema's check allows 0 to 15). */
  static final int STRIPES = 16;

  @PersistenceContext EntityManager em;

  /** Adds one to {@code metric} of the tenant on the day of {@code at}. */
  public void increment(String tenantId, UsageMetric metric, Instant at) {
    add(tenantId, day(at), Map.of(metric, 1L));
  }

  /**
   * Adds each amount to its metric of the tenant on {@code day}; zero amounts are left out. One
   * statement for all of them, its rows in the metrics' order, so that two transactions take the
   * same counters in the same order.
   */
  public void add(String tenantId, LocalDate day, Map<UsageMetric, Long> amounts) {
    if (amounts.isEmpty()) {
      return; // (an EnumMap cannot be copied from an empty map of another kind)
    }
    StringBuilder sql =
        new StringBuilder(
            "insert into usage_counters (tenant_id, day, stripe, metric, value) values ");
    List<Object> values = new ArrayList<>();
    for (Map.Entry<UsageMetric, Long> amount : new EnumMap<>(amounts).entrySet()) {
      if (amount.getValue() == 0) {
        continue;
      }
      sql.append(values.isEmpty() ? "" : ", ")
          .append("(?1, ?2, ?3, ?")
          .append(values.size() + 4)
          .append(", ?")
          .append(values.size() + 5)
          .append(')');
      values.add(amount.getKey().wireName());
      values.add(amount.getValue());
    }
    if (values.isEmpty()) {
      return;
    }
    sql.append(
        " on conflict (tenant_id, day, metric, stripe)"
            + " do update set value = usage_counters.value + excluded.value");
    Query insert =
        unflushed(em.createNativeQuery(sql.toString()), "usage_counters")
            .setParameter(1, tenantId)
            .setParameter(2, day)
            .setParameter(3, stripe());
    for (int i = 0; i < values.size(); i++) {
      insert.setParameter(i + 4, values.get(i));
    }
    insert.executeUpdate();
  }

  /**
   * An upload was registered: one upload and its bytes received, and, when its bytes were new to
   * the tenant, the bytes stored and held.
   */
  public void uploadRegistered(String tenantId, long size, boolean stored, Instant at) {
    Map<UsageMetric, Long> amounts = new EnumMap<>(UsageMetric.class);
    amounts.put(UsageMetric.UPLOADS, 1L);
    amounts.put(UsageMetric.BYTES_RECEIVED, size);
    if (stored) {
      amounts.put(UsageMetric.BYTES_STORED, size);
    }
    add(tenantId, day(at), amounts);
    if (stored) {
      storageChanged(tenantId, size, at);
    }
  }

  /** A stored file's bytes were given up: removed, and no longer held. */
  public void fileRemoved(String tenantId, long size, Instant at) {
    add(tenantId, day(at), Map.of(UsageMetric.BYTES_REMOVED, size));
    storageChanged(tenantId, -size, at);
  }

  /**
   * Moves the running total of the tenant's stored bytes in this transaction's stripe by {@code
   * delta} and writes it as the stripe's closing value of the day of {@code at}. The stripe's row
   * lock orders its changes, so its value of the day is always its latest total; the tenant's
   * closing value of a day is the sum of each stripe's latest on or before it ({@link
   * UsageReport}).
   */
  void storageChanged(String tenantId, long delta, Instant at) {
    unflushed(
            em.createNativeQuery(
                "with total as (insert into usage_storage (tenant_id, stripe, held_bytes)"
                    + " values (?1, ?4, ?2) on conflict (tenant_id, stripe)"
                    + " do update set held_bytes = usage_storage.held_bytes + excluded.held_bytes"
                    + " returning held_bytes)"
                    + " insert into usage_storage_days (tenant_id, day, stripe, held_bytes)"
                    + " select ?1, ?3, ?4, held_bytes from total"
                    + " on conflict (tenant_id, day, stripe)"
                    + " do update set held_bytes = excluded.held_bytes"),
            "usage_storage",
            "usage_storage_days")
        .setParameter(1, tenantId)
        .setParameter(2, delta)
        .setParameter(3, day(at))
        .setParameter(4, stripe())
        .executeUpdate();
  }

  /**
   * The stripe this transaction counts into: its thread's. A transaction runs on one thread, so all
   * its rows are in one stripe and the order it takes them in is the one described above;
   * transactions running at the same time run on different threads.
   */
  static short stripe() {
    return (short) Math.floorMod(Thread.currentThread().getId(), STRIPES);
  }

  /**
   * {@code query} without the flush of the persistence context that a native statement causes
   * first: no entity maps the usage tables, so nothing pending in it concerns them ({@code tables}
   * are named to the provider as the statement's only tables).
   */
  static Query unflushed(Query query, String... tables) {
    return query
        .setFlushMode(FlushModeType.COMMIT)
        .setHint("org.hibernate.query.native.spaces", List.of(tables));
  }

  /** The UTC day of an instant: the day a change is counted on. */
  public static LocalDate day(Instant at) {
    return LocalDate.ofInstant(at, ZoneOffset.UTC);
  }
}
