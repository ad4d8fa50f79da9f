package io.fileparser.usage;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The PostgreSQL side of folding API-call counts ({@link ApiCallLedger}): applies moved counts to
 * {@code usage_counters}, each (round, tenant, day, class) at most once, however often a round is
 * retried or however many instances fold at once.
 */
@Stateless
public class UsageFolds {

  /** How long an applied fold is remembered: far longer than a count waits to be removed. */
  static final Duration REMEMBERED = Duration.ofDays(7);

  @PersistenceContext EntityManager em;
  @Inject UsageCounters counters;

  /**
   * Applies the counts not applied before, in one transaction of its own; the rows are taken in one
   * order (tenant, day, class), as a concurrent fold takes them.
   *
   * @return how many counts were new
   */
  @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
  public int apply(List<ApiCallCount> counts) {
    Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
    int applied = 0;
    List<ApiCallCount> ordered =
        counts.stream()
            .sorted(
                Comparator.comparing(ApiCallCount::tenantId)
                    .thenComparing(ApiCallCount::day)
                    .thenComparing(ApiCallCount::endpointClass)
                    .thenComparingLong(ApiCallCount::seq))
            .toList();
    for (ApiCallCount count : ordered) {
      int inserted =
          em.createNativeQuery(
                  "insert into usage_folds (seq, tenant_id, day, metric, value, applied_at)"
                      + " values (?1, ?2, ?3, ?4, ?5, ?6) on conflict do nothing")
              .setParameter(1, count.seq())
              .setParameter(2, count.tenantId())
              .setParameter(3, count.day())
              .setParameter(4, count.metric().wireName())
              .setParameter(5, count.value())
              .setParameter(6, now)
              .executeUpdate();
      if (inserted == 1) {
        counters.add(count.tenantId(), count.day(), Map.of(count.metric(), count.value()));
        applied++;
      }
    }
    em.createNativeQuery("delete from usage_folds where applied_at < ?1")
        .setParameter(1, now.minus(REMEMBERED))
        .executeUpdate();
    return applied;
  }
}
