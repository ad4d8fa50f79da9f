package io.fileparser.queue;

import io.fileparser.files.entity.FileFormat;
import io.fileparser.jobcontrol.BulkAction;
import io.fileparser.jobcontrol.BulkLedger;
import io.fileparser.jobcontrol.BulkOperations;
import io.fileparser.jobcontrol.BulkResult;
import io.fileparser.jobcontrol.ItemResult;
import io.fileparser.jobcontrol.JobActions;
import io.fileparser.jobs.Cursor;
import io.fileparser.problem.ProblemException;
import io.fileparser.problem.ProblemType;
import io.fileparser.schema.NativeValues;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.Query;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The dead-letter queue: jobs given up after their attempts were used up, listed with why, sent
 * round again or purged. Re-queue and purge are the retry and delete of {@code /jobs} ({@link
 * JobActions}), one transaction per job like a bulk operation, each job audited as those are; a job
 * that left the dead-letter queue meanwhile is skipped. At most the bulk limit of jobs per request,
 * answered at once: dead letters are few when the platform is healthy, and a larger set is better
 * narrowed by tenant or format than run unattended.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class DeadLetters {

  public static final int DEFAULT_LIMIT = 50;
  public static final int MAX_LIMIT = 200;

  @PersistenceContext EntityManager em;
  @Inject JobActions actions;
  @Inject BulkOperations bulk;

  /**
   * One page of dead letters, newest job first.
   *
   * @throws ProblemException {@code invalid_cursor} for a cursor of another scope's list
   */
  @TransactionAttribute(TransactionAttributeType.SUPPORTS)
  public DeadLetterPage list(
      QueueScope scope, String requestedTenant, String format, int limit, String cursor) {
    String tenant = scope.tenantToRead(requestedTenant);
    FileFormat onlyFormat = DeadLetterSelection.format(format);
    String listKey = tenant == null ? "*" : tenant;
    Cursor after = cursor == null || cursor.isBlank() ? null : Cursor.decode(cursor);
    if (after != null && !after.isFor(listKey)) {
      throw Cursor.invalid();
    }
    StringBuilder sql =
        new StringBuilder(
            "select id, tenant_id, filename, format, attempt_count, error_category, error_message,"
                + " finished_at, created_at from jobs where state = 'DEAD_LETTERED'");
    Map<String, Object> params = new HashMap<>();
    filter(sql, params, tenant, onlyFormat);
    if (after != null) {
      sql.append(" and (created_at, id) < (:afterAt, :afterId)");
      params.put("afterAt", after.createdAt());
      params.put("afterId", after.id());
    }
    sql.append(" order by created_at desc, id desc");
    Query query = em.createNativeQuery(sql.toString());
    params.forEach(query::setParameter);
    @SuppressWarnings("unchecked")
    List<Object[]> rows = query.setMaxResults(limit + 1).getResultList();
    List<DeadLetterView> items = new ArrayList<>();
    for (Object[] r : rows.subList(0, Math.min(rows.size(), limit))) {
      items.add(
          new DeadLetterView(
              (UUID) r[0],
              (String) r[1],
              (String) r[2],
              (String) r[3],
              ((Number) r[4]).intValue(),
              (String) r[5],
              (String) r[6],
              r[7] == null ? null : NativeValues.instant(r[7]),
              NativeValues.instant(r[8])));
    }
    String next = null;
    if (rows.size() > limit) {
      DeadLetterView last = items.get(items.size() - 1);
      next = Cursor.of(last.createdAt(), last.jobId(), listKey).encode();
    }
    return new DeadLetterPage(items, next);
  }

  /** Sends the selected dead letters round again, each as a new attempt ({@code retry}). */
  public BulkResult requeue(QueueScope scope, DeadLetterSelection selection) {
    return act(scope, selection, BulkAction.RETRY);
  }

  /** Deletes the selected dead letters as {@code DELETE /jobs/{id}} does. */
  public BulkResult purge(QueueScope scope, DeadLetterSelection selection) {
    return act(scope, selection, BulkAction.DELETE);
  }

  private BulkResult act(QueueScope scope, DeadLetterSelection selection, BulkAction action) {
    Map<UUID, String> targets = targets(scope, selection);
    List<ItemResult> items = new ArrayList<>(targets.size());
    targets.forEach(
        (id, tenant) ->
            items.add(
                BulkOperations.guarded(
                    id,
                    action,
                    () -> {
                      if (tenant == null) {
                        throw new ProblemException(ProblemType.JOB_NOT_FOUND, "no job " + id);
                      }
                      return actions.applyToDeadLetter(scope.actingIn(tenant), id, action);
                    })));
    return BulkLedger.summary(action, false, items);
  }

  /**
   * The selected jobs, in order, each with its tenant: null for a job the scope cannot see (it
   * fails as not found, as {@code /jobs} would answer). A tenant's admin's jobs are checked by the
   * action itself, which answers another tenant's job as not found.
   */
  private Map<UUID, String> targets(QueueScope scope, DeadLetterSelection selection) {
    Map<UUID, String> targets = new java.util.LinkedHashMap<>();
    if (!selection.all()) {
      List<UUID> ids = List.copyOf(new LinkedHashSet<>(selection.jobIds()));
      if (ids.size() > bulk.maxItems()) {
        throw bulk.tooMany("names " + ids.size() + " jobs");
      }
      Map<UUID, String> tenants = scope.isPlatform() ? tenantsOf(ids) : Map.of();
      for (UUID id : ids) {
        targets.put(id, scope.isPlatform() ? tenants.get(id) : scope.caller().tenantId());
      }
      return targets;
    }
    String tenant = scope.tenantToRead(selection.tenantId());
    StringBuilder sql =
        new StringBuilder("select id, tenant_id from jobs where state = 'DEAD_LETTERED'");
    Map<String, Object> params = new HashMap<>();
    filter(sql, params, tenant, selection.format());
    sql.append(" order by created_at, id");
    Query query = em.createNativeQuery(sql.toString());
    params.forEach(query::setParameter);
    @SuppressWarnings("unchecked")
    List<Object[]> rows = query.setMaxResults(bulk.maxItems() + 1).getResultList();
    if (rows.size() > bulk.maxItems()) {
      throw bulk.tooMany("selects more than " + bulk.maxItems() + " dead letters; narrow it");
    }
    rows.forEach(r -> targets.put((UUID) r[0], (String) r[1]));
    return targets;
  }

  private Map<UUID, String> tenantsOf(List<UUID> ids) {
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        em.createNativeQuery("select id, tenant_id from jobs where id in (:ids)")
            .setParameter("ids", ids)
            .getResultList();
    Map<UUID, String> tenants = new HashMap<>();
    rows.forEach(r -> tenants.put((UUID) r[0], (String) r[1]));
    return tenants;
  }

  private static void filter(
      StringBuilder sql, Map<String, Object> params, String tenant, FileFormat format) {
    if (tenant != null) {
      sql.append(" and tenant_id = :tenant");
      params.put("tenant", tenant);
    }
    if (format != null) {
      sql.append(" and format = :format");
      params.put("format", format.name());
    }
  }
}
