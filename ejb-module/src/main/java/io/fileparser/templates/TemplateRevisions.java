package io.fileparser.templates;

import jakarta.persistence.EntityManager;
import jakarta.persistence.FlushModeType;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The counters that tell every instance its cached worker list is stale: one per tenant, and {@link
 * #SYSTEM} for the system templates. Bumped in the transaction that changes what the workers
 * receive (publish, archive, a built-in layout changed), so a cache compares one indexed row.
 */
final class TemplateRevisions {

  static final String SYSTEM = "*";

  private TemplateRevisions() {}

  static void bump(EntityManager em, String scope) {
    em.createNativeQuery(
            "insert into template_revisions (scope, revision) values (?1, 1) on conflict (scope)"
                + " do update set revision = template_revisions.revision + 1")
        .setParameter(1, scope)
        .executeUpdate();
  }

  /** The revisions of a tenant and of the system templates (0 where never bumped). */
  static long[] of(EntityManager em, String tenantId) {
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        em.createNativeQuery(
                "select scope, revision from template_revisions where scope in (?1, ?2)")
            // No entity maps the table: nothing pending in the persistence context concerns it.
            .setFlushMode(FlushModeType.COMMIT)
            .setHint("org.hibernate.query.native.spaces", List.of("template_revisions"))
            .setParameter(1, tenantId)
            .setParameter(2, SYSTEM)
            .getResultList();
    Map<String, Long> found = new HashMap<>();
    for (Object[] row : rows) {
      found.put((String) row[0], ((Number) row[1]).longValue());
    }
    return new long[] {found.getOrDefault(tenantId, 0L), found.getOrDefault(SYSTEM, 0L)};
  }
}
