package io.fileparser.jobcontrol;

import io.fileparser.jobcontrol.entity.BulkItem;
import io.fileparser.jobcontrol.entity.BulkOperation;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Handles one batch of pending bulk items in a transaction that holds their claim ({@code FOR
 * UPDATE SKIP LOCKED}, so runners on several instances share the work). Each job changes in a
 * transaction of its own ({@link JobActions#apply}); the outcomes are recorded when the batch ends.
 * If the server stops mid-batch, the claim is released and the items not yet recorded are taken
 * again: a job already changed is then found in its new state and skipped (retry, cancel,
 * reprioritize) or not found (delete), never changed twice.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class BulkBatch {

  @Inject BulkLedger ledger;
  @Inject JobActions actions;

  /** Handles up to {@code limit} pending items; returns how many. */
  public int runNext(int limit) {
    List<BulkItem> items = ledger.claim(limit);
    Map<BulkItem, ItemResult> outcomes = new LinkedHashMap<>();
    for (BulkItem item : items) {
      BulkOperation operation = ledger.operation(item.getKey().operationId());
      outcomes.put(
          item,
          BulkOperations.apply(
              actions,
              BulkLedger.callerOf(operation),
              item.getJobId(),
              BulkAction.valueOf(operation.getAction()),
              operation.getPriority(),
              operation.isDryRun()));
    }
    if (!outcomes.isEmpty()) {
      ledger.settle(outcomes);
    }
    return items.size();
  }
}
