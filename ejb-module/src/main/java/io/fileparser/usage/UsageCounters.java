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
 * <p>Each counter is one row per tenant, UTC day and metric, raised by an upsert ({@code value =
 * value + x}); its row lock is held to the commit, so concurrent changes of one tenant queue on it
 * rather than lose a count. Within a call the rows are taken in the order of {@link UsageMetric},
 * and callers change the stored bytes ({@link #storageChanged}) last, so two transactions never
 * take the same rows in opposite orders.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.MANDATORY)
public class UsageCounters {

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
        new StringBuilder("insert into usage_counters (tenant_id, day, metric, value) values ");
    List<Object> values = new ArrayList<>();
    for (Map.Entry<UsageMetric, Long> amount : new EnumMap<>(amounts).entrySet()) {
      if (amount.getValue() == 0) {
        continue;
      }
      sql.append(values.isEmpty() ? "" : ", ")
          .append("(?1, ?2, ?")
          .append(values.size() + 3)
          .append(", ?")
          .append(values.size() + 4)
          .append(')');
      values.add(amount.getKey().wireName());
      values.add(amount.getValue());
    }
    if (values.isEmpty()) {
      return;
    }
    sql.append(
        " on conflict (tenant_id, day, metric)"
            + " do update set value = usage_counters.value + excluded.value");
    Query insert =
        unflushed(em.createNativeQuery(sql.toString()), "usage_counters")
            .setParameter(1, tenantId)
            .setParameter(2, day);
    for (int i = 0; i < values.size(); i++) {
      insert.setParameter(i + 3, values.get(i));
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
   * Moves the tenant's running total of stored bytes by {@code delta} and writes it as the closing
   * value of the day of {@code at}. The total's row lock orders one tenant's changes, so the day's
   * value is always the latest total.
   */
  void storageChanged(String tenantId, long delta, Instant at) {
    unflushed(
            em.createNativeQuery(
                "with total as (insert into usage_storage (tenant_id, held_bytes) values (?1, ?2)"
                    + " on conflict (tenant_id)"
                    + " do update set held_bytes = usage_storage.held_bytes + excluded.held_bytes"
                    + " returning held_bytes)"
                    + " insert into usage_storage_days (tenant_id, day, held_bytes)"
                    + " select ?1, ?3, held_bytes from total"
                    + " on conflict (tenant_id, day) do update set held_bytes = excluded.held_bytes"),
            "usage_storage",
            "usage_storage_days")
        .setParameter(1, tenantId)
        .setParameter(2, delta)
        .setParameter(3, day(at))
        .executeUpdate();
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
