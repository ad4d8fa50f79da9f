package io.fileparser.jobcontrol;

import io.fileparser.audit.AuditLog;
import io.fileparser.jobcontrol.entity.BulkItem;
import io.fileparser.jobcontrol.entity.BulkOperation;
import io.fileparser.problem.ProblemException;
import io.fileparser.problem.ProblemType;
import io.fileparser.security.Caller;
import io.fileparser.security.TenantRegistry;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The stored side of bulk operations: starting one (the operation and an item per job, in one
 * transaction), settling a batch of items, reading an operation back within the caller's tenant,
 * and the audit record of each operation with its counts.
 */
@Stateless
public class BulkLedger {

  /** An operation was stored: the runner may start once the transaction commits. */
  public record Started(UUID operationId) {}

  @PersistenceContext EntityManager em;
  @Inject AuditLog audit;
  @Inject TenantRegistry tenants;
  @Inject Event<Started> started;
  @Inject Event<BulkProgressed> progressed;

  /** Stores the operation with its items, all pending; the runner takes it from here. */
  @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
  public BulkResult start(Caller caller, BulkRequest request, List<UUID> ids) {
    tenants.ensure(caller.tenantId());
    Instant now = now();
    BulkOperation operation =
        new BulkOperation(
            UUID.randomUUID(),
            caller.tenantId(),
            request.action().name(),
            request.priority(),
            request.dryRun(),
            caller.subject(),
            String.join(",", caller.roles()),
            caller.method().name(),
            ids.size(),
            now);
    em.persist(operation);
    for (int i = 0; i < ids.size(); i++) {
      em.persist(new BulkItem(new BulkItem.Key(operation.getId(), i), ids.get(i)));
      if (i % 200 == 199) {
        em.flush();
        em.clear();
      }
    }
    operation = em.merge(operation);
    audit.record(
        caller.tenantId(),
        caller.subject(),
        "jobs.bulk." + request.action().wireName() + ".started",
        "bulk_operation",
        operation.getId().toString(),
        "total=" + ids.size() + " dryRun=" + request.dryRun());
    started.fire(new Started(operation.getId()));
    progressed.fire(progress(operation, now));
    return view(operation, List.of(), null);
  }

  /** The caller's tenant's operation with the items after {@code afterPosition}. */
  @TransactionAttribute(TransactionAttributeType.SUPPORTS)
  public BulkResult view(Caller caller, UUID operationId, int afterPosition, int limit) {
    BulkOperation operation = em.find(BulkOperation.class, operationId);
    if (operation == null || !operation.getTenantId().equals(caller.tenantId())) {
      throw new ProblemException(
          ProblemType.BULK_OPERATION_NOT_FOUND, "no bulk operation " + operationId);
    }
    List<BulkItem> rows =
        em.createQuery(
                "select i from BulkItem i where i.key.operationId = :op"
                    + " and i.key.position > :after order by i.key.position",
                BulkItem.class)
            .setParameter("op", operationId)
            .setParameter("after", afterPosition)
            .setMaxResults(limit + 1)
            .getResultList();
    List<ItemResult> items = new ArrayList<>();
    for (int i = 0; i < Math.min(limit, rows.size()); i++) {
      items.add(item(rows.get(i)));
    }
    Integer next = rows.size() > limit ? rows.get(limit - 1).getKey().position() : null;
    return view(operation, items, next);
  }

  /** The pending items the runner may take next, claimed until this transaction ends. */
  @TransactionAttribute(TransactionAttributeType.MANDATORY)
  public List<BulkItem> claim(int limit) {
    @SuppressWarnings("unchecked")
    List<Object[]> keys =
        em.createNativeQuery(
                "select i.operation_id, i.position from bulk_operation_items i"
                    + " join bulk_operations o on o.id = i.operation_id"
                    + " where i.outcome is null and o.state = 'RUNNING'"
                    + " order by o.created_at, i.operation_id, i.position limit ?1"
                    + " for update of i skip locked")
            .setParameter(1, limit)
            .getResultList();
    List<BulkItem> items = new ArrayList<>();
    for (Object[] key : keys) {
      items.add(
          em.find(BulkItem.class, new BulkItem.Key((UUID) key[0], ((Number) key[1]).intValue())));
    }
    return items;
  }

  /** The operation of a claimed item, and the caller whose rights apply to its items. */
  @TransactionAttribute(TransactionAttributeType.MANDATORY)
  public BulkOperation operation(UUID operationId) {
    return em.find(BulkOperation.class, operationId);
  }

  /** Whose rights an operation's items are handled with: the caller that asked for it. */
  static Caller callerOf(BulkOperation operation) {
    return new Caller(
        operation.getTenantId(),
        operation.getRequestedBy(),
        Set.of(operation.getCallerRoles().split(",")),
        Caller.Method.valueOf(operation.getCallerMethod()));
  }

  /**
   * Records the outcomes of a batch and counts them on their operations (locked, so runners on
   * several instances count right); an operation whose last item this was is completed and audited
   * with its counts.
   */
  @TransactionAttribute(TransactionAttributeType.MANDATORY)
  public void settle(Map<BulkItem, ItemResult> outcomes) {
    Instant now = now();
    Map<UUID, List<ItemResult>> byOperation = new LinkedHashMap<>();
    for (Map.Entry<BulkItem, ItemResult> entry : outcomes.entrySet()) {
      ItemResult result = entry.getValue();
      entry
          .getKey()
          .settle(
              result.outcome().toUpperCase(Locale.ROOT),
              result.state(),
              result.reason(),
              result.problem() == null ? null : result.problem().code(),
              result.problem() == null ? null : result.problem().status(),
              result.problem() == null ? null : result.problem().detail());
      byOperation
          .computeIfAbsent(entry.getKey().getKey().operationId(), k -> new ArrayList<>())
          .add(result);
    }
    em.flush();
    for (Map.Entry<UUID, List<ItemResult>> entry : byOperation.entrySet()) {
      BulkOperation operation =
          em.find(BulkOperation.class, entry.getKey(), LockModeType.PESSIMISTIC_WRITE);
      for (ItemResult result : entry.getValue()) {
        operation.count(result.outcome().toUpperCase(Locale.ROOT), now);
      }
      long pending =
          em.createQuery(
                  "select count(i) from BulkItem i where i.key.operationId = :op"
                      + " and i.outcome is null",
                  Long.class)
              .setParameter("op", operation.getId())
              .getSingleResult();
      if (pending == 0 && operation.isRunning()) {
        operation.finish(now);
        audit.record(
            operation.getTenantId(),
            operation.getRequestedBy(),
            "jobs.bulk." + operation.getAction().toLowerCase(Locale.ROOT),
            "bulk_operation",
            operation.getId().toString(),
            counts(
                operation.getTotal(),
                operation.getDone(),
                operation.getSkipped(),
                operation.getFailed(),
                operation.isDryRun()));
      }
      progressed.fire(progress(operation, now));
    }
  }

  /** The operation's counts as a live reading, published once the transaction commits. */
  private static BulkProgressed progress(BulkOperation operation, Instant at) {
    return new BulkProgressed(
        operation.getTenantId(),
        operation.getId(),
        at,
        operation.getAction().toLowerCase(Locale.ROOT),
        operation.getState(),
        operation.isDryRun(),
        operation.getTotal(),
        operation.getDone(),
        operation.getSkipped(),
        operation.getFailed());
  }

  /** The audit record of an operation answered at once. */
  @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
  public void auditAnswered(Caller caller, BulkResult result) {
    tenants.ensure(caller.tenantId());
    audit.record(
        caller.tenantId(),
        caller.subject(),
        "jobs.bulk." + result.action(),
        "bulk_request",
        UUID.randomUUID().toString(),
        counts(result.total(), result.done(), result.skipped(), result.failed(), result.dryRun()));
  }

  /** The answer of an operation handled at once. */
  public static BulkResult summary(BulkAction action, boolean dryRun, List<ItemResult> items) {
    int done = 0;
    int skipped = 0;
    int failed = 0;
    for (ItemResult item : items) {
      switch (item.outcome()) {
        case ItemResult.DONE -> done++;
        case ItemResult.SKIPPED -> skipped++;
        default -> failed++;
      }
    }
    return new BulkResult(
        null,
        action.wireName(),
        dryRun,
        BulkOperation.COMPLETED,
        items.size(),
        done,
        skipped,
        failed,
        null,
        null,
        List.copyOf(items),
        null);
  }

  private static String counts(int total, int done, int skipped, int failed, boolean dryRun) {
    return "total="
        + total
        + " done="
        + done
        + " skipped="
        + skipped
        + " failed="
        + failed
        + " dryRun="
        + dryRun;
  }

  private static BulkResult view(BulkOperation operation, List<ItemResult> items, Integer next) {
    return new BulkResult(
        operation.getId(),
        operation.getAction().toLowerCase(Locale.ROOT),
        operation.isDryRun(),
        operation.getState(),
        operation.getTotal(),
        operation.getDone(),
        operation.getSkipped(),
        operation.getFailed(),
        operation.getCreatedAt(),
        operation.getFinishedAt(),
        items,
        next);
  }

  private static ItemResult item(BulkItem row) {
    if (row.getOutcome() == null) {
      return new ItemResult(row.getJobId(), "pending", null, null, null);
    }
    return new ItemResult(
        row.getJobId(),
        row.getOutcome().toLowerCase(Locale.ROOT),
        row.getJobState(),
        row.getReason(),
        row.getProblemCode() == null
            ? null
            : new ItemResult.Problem(
                row.getProblemCode(),
                row.getProblemStatus() == null ? 0 : row.getProblemStatus(),
                row.getDetail()));
  }

  private static Instant now() {
    return Instant.now().truncatedTo(ChronoUnit.MICROS);
  }
}
