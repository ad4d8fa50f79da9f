package io.fileparser.monitoring;

import io.fileparser.notifications.AlertChanged;
import io.fileparser.problem.ProblemException;
import io.fileparser.problem.ProblemType;
import io.fileparser.queue.QueueScope;
import io.fileparser.schema.NativeValues;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Alerts in PostgreSQL: a rule's conditions settled against what is firing (fire what newly holds,
 * clear what no longer does), and the list for admins. The database's one-firing-per-key index and
 * row locks make each firing and each clearing happen once whichever instances settle the same rule
 * at the same time; each is told ({@link AlertChanged}) in the transaction that recorded it.
 */
@Stateless
public class Alerts {

  public static final int DEFAULT_LIMIT = 50;
  public static final int MAX_LIMIT = 200;

  @PersistenceContext EntityManager em;
  @Inject Event<AlertChanged> changed;

  /**
   * Fires an alert for every condition holding that has none firing, and clears every alert of the
   * rule firing for a key that no longer holds.
   *
   * @return how many alerts fired and cleared
   */
  @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
  public int settle(AlertRule rule, List<AlertCondition> holding) {
    Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
    Map<String, AlertCondition> byKey = new HashMap<>();
    holding.forEach(c -> byKey.put(c.key(), c));
    Map<String, Object[]> firing = new HashMap<>();
    for (Object[] row : firing(rule)) {
      firing.put(new AlertCondition((String) row[1], (String) row[2], null, null, "").key(), row);
    }
    int changes = 0;
    for (AlertCondition condition : byKey.values()) {
      if (!firing.containsKey(condition.key()) && fire(rule, condition, now)) {
        changes++;
      }
    }
    for (Map.Entry<String, Object[]> entry : firing.entrySet()) {
      if (!byKey.containsKey(entry.getKey()) && clear(rule, entry.getValue(), now)) {
        changes++;
      }
    }
    return changes;
  }

  private boolean fire(AlertRule rule, AlertCondition condition, Instant now) {
    UUID id = UUID.randomUUID();
    int inserted =
        em.createNativeQuery(
                "insert into alerts (id, tenant_id, rule, subject, state, value, threshold,"
                    + " message, fired_at) values (?1, ?2, ?3, ?4, 'FIRING', ?5, ?6, ?7, ?8)"
                    + " on conflict (coalesce(tenant_id, ''), rule, subject)"
                    + " where state = 'FIRING' do nothing")
            .setParameter(1, id)
            .setParameter(2, condition.tenantId())
            .setParameter(3, rule.wireName())
            .setParameter(4, condition.subject())
            .setParameter(5, condition.value())
            .setParameter(6, condition.threshold())
            .setParameter(7, truncate(condition.message()))
            .setParameter(8, now)
            .executeUpdate();
    if (inserted == 0) {
      return false; // another instance fired it first
    }
    changed.fire(
        new AlertChanged(
            id,
            condition.tenantId(),
            rule.wireName(),
            condition.subject(),
            true,
            truncate(condition.message()),
            condition.value(),
            condition.threshold(),
            now));
    return true;
  }

  private boolean clear(AlertRule rule, Object[] row, Instant now) {
    UUID id = (UUID) row[0];
    int updated =
        em.createNativeQuery(
                "update alerts set state = 'CLEARED', cleared_at = ?2"
                    + " where id = ?1 and state = 'FIRING'")
            .setParameter(1, id)
            .setParameter(2, now)
            .executeUpdate();
    if (updated == 0) {
      return false; // another instance cleared it first
    }
    changed.fire(
        new AlertChanged(
            id,
            (String) row[1],
            rule.wireName(),
            (String) row[2],
            false,
            "cleared: " + row[3],
            null,
            row[4] == null ? null : ((Number) row[4]).doubleValue(),
            now));
    return true;
  }

  @SuppressWarnings("unchecked")
  private List<Object[]> firing(AlertRule rule) {
    return em.createNativeQuery(
            "select id, tenant_id, subject, message, threshold from alerts"
                + " where rule = ?1 and state = 'FIRING'")
        .setParameter(1, rule.wireName())
        .getResultList();
  }

  /**
   * Alerts newest first: a tenant's admins see their tenant's, the operator every tenant's and the
   * platform's (or one tenant's).
   *
   * @param state {@code firing}, {@code cleared} or null for both
   * @throws ProblemException {@code invalid_request} for another state or a limit out of 1-200
   */
  @TransactionAttribute(TransactionAttributeType.SUPPORTS)
  @SuppressWarnings("unchecked")
  public AlertList list(QueueScope scope, String requestedTenant, String state, String limit) {
    String tenant = scope.tenantToRead(requestedTenant);
    String wanted = state(state);
    int max = limit(limit);
    StringBuilder sql =
        new StringBuilder(
            "select id, tenant_id, rule, subject, state, value, threshold, message, fired_at,"
                + " cleared_at from alerts where (cast(?1 as varchar) is null or tenant_id = ?1)"
                + " and (cast(?2 as varchar) is null or state = ?2)");
    sql.append(" order by fired_at desc, id desc");
    List<Object[]> rows =
        em.createNativeQuery(sql.toString())
            .setParameter(1, tenant)
            .setParameter(2, wanted)
            .setMaxResults(max)
            .getResultList();
    List<AlertView> items = new ArrayList<>(rows.size());
    for (Object[] r : rows) {
      items.add(
          new AlertView(
              (UUID) r[0],
              (String) r[1],
              (String) r[2],
              ((String) r[3]).isEmpty() ? null : (String) r[3],
              (String) r[4],
              r[5] == null ? null : ((Number) r[5]).doubleValue(),
              r[6] == null ? null : ((Number) r[6]).doubleValue(),
              (String) r[7],
              NativeValues.instant(r[8]),
              r[9] == null ? null : NativeValues.instant(r[9])));
    }
    return new AlertList(items);
  }

  private static final Set<String> STATES = Set.of("firing", "cleared");

  static String state(String state) {
    if (state == null || state.isBlank()) {
      return null;
    }
    if (!STATES.contains(state)) {
      throw new ProblemException(
          ProblemType.INVALID_REQUEST,
          "state must be one of "
              + STATES.stream().sorted().collect(Collectors.joining(", "))
              + ", or left out for both");
    }
    return state.toUpperCase(java.util.Locale.ROOT);
  }

  static int limit(String limit) {
    if (limit == null || limit.isBlank()) {
      return DEFAULT_LIMIT;
    }
    try {
      int n = Integer.parseInt(limit.trim());
      if (n >= 1 && n <= MAX_LIMIT) {
        return n;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw new ProblemException(
        ProblemType.INVALID_REQUEST, "limit must be a whole number from 1 to " + MAX_LIMIT);
  }

  private static String truncate(String message) {
    return message.length() <= 500 ? message : message.substring(0, 499) + "…";
  }
}
