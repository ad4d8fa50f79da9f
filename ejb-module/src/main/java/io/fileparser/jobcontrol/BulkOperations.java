package io.fileparser.jobcontrol;

import io.fileparser.jobs.JobService;
import io.fileparser.problem.ProblemException;
import io.fileparser.problem.ProblemType;
import io.fileparser.security.Caller;
import jakarta.ejb.EJBException;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Bulk operations on jobs: cancel, retry, delete or reprioritize many jobs, named by id or by a
 * filter of the job list. A set of up to {@code fileparser.jobs.bulk.sync-threshold} jobs is
 * handled at once, one transaction per job, and answered with every job's outcome; a larger one (up
 * to {@code fileparser.jobs.bulk.max-items}) is stored and run in batches ({@link BulkRunner}) and
 * answered with the operation to poll. The caller's rights apply to every job, as if it had called
 * the single-job endpoint: one refusal fails that item only.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class BulkOperations {

  private static final Logger LOG = Logger.getLogger(BulkOperations.class.getName());

  @Inject JobActions actions;
  @Inject JobService jobs;
  @Inject BulkLedger ledger;

  @Inject
  @ConfigProperty(name = "fileparser.jobs.bulk.max-items", defaultValue = "10000")
  int maxItems;

  @Inject
  @ConfigProperty(name = "fileparser.jobs.bulk.sync-threshold", defaultValue = "100")
  int syncThreshold;

  /**
   * Runs the request, or stores it to run in batches when it names more jobs than the synchronous
   * threshold.
   *
   * @throws ProblemException {@code invalid_request} for a request that does not say what to act
   *     on, {@code bulk_limit_exceeded} (422) for more jobs than one request may name or select
   */
  public BulkResult submit(Caller caller, BulkRequest request) {
    validate(request);
    List<UUID> ids = ids(caller, request);
    if (ids.size() > syncThreshold) {
      return ledger.start(caller, request, ids);
    }
    List<ItemResult> items = new ArrayList<>(ids.size());
    for (UUID id : ids) {
      items.add(apply(actions, caller, id, request.action(), request.priority(), request.dryRun()));
    }
    BulkResult result = BulkLedger.summary(request.action(), request.dryRun(), items);
    ledger.auditAnswered(caller, result);
    return result;
  }

  /** The operation, with a page of its items after position {@code afterPosition}. */
  public BulkResult find(Caller caller, UUID operationId, int afterPosition, int limit) {
    return ledger.view(caller, operationId, afterPosition, limit);
  }

  /** One job's outcome; a refusal or an unexpected error fails this item only. */
  static ItemResult apply(
      JobActions actions,
      Caller caller,
      UUID id,
      BulkAction action,
      Integer priority,
      boolean dryRun) {
    return guarded(id, action, () -> actions.apply(caller, id, action, priority, dryRun));
  }

  /**
   * Runs one item of an operation on many jobs ({@code work}, in its own transaction): a refusal
   * ({@link ProblemException}) or an unexpected error fails this item only, with the problem the
   * single-job endpoint would answer.
   */
  public static ItemResult guarded(UUID id, BulkAction action, Supplier<ItemResult> work) {
    try {
      return work.get();
    } catch (ProblemException e) {
      return ItemResult.failed(id, e.type().code(), e.type().status(), e.detail());
    } catch (EJBException | IllegalStateException | jakarta.persistence.PersistenceException e) {
      LOG.log(Level.WARNING, "bulk " + action.wireName() + " of job " + id + " failed", e);
      return ItemResult.failed(
          id,
          ProblemType.INTERNAL_ERROR.code(),
          ProblemType.INTERNAL_ERROR.status(),
          "the job could not be changed just now (it may have changed meanwhile); try again");
    }
  }

  /** The most jobs one bulk request may act on ({@code fileparser.jobs.bulk.max-items}). */
  public int maxItems() {
    return maxItems;
  }

  /**
   * The refusal of a request naming or selecting more than {@link #maxItems()} jobs.
   *
   * @param what how the request went over, e.g. "names 1200 jobs"
   */
  public ProblemException tooMany(String what) {
    return new ProblemException(
        ProblemType.BULK_LIMIT_EXCEEDED,
        "the request " + what + "; one bulk request acts on at most " + maxItems,
        Map.of("maxItems", maxItems));
  }

  private void validate(BulkRequest request) {
    boolean byIds = request.jobIds() != null;
    boolean byFilter = request.filter() != null;
    if (byIds == byFilter) {
      throw new ProblemException(
          ProblemType.INVALID_REQUEST, "name the jobs either by jobIds or by filter, not both");
    }
    if (byIds && request.jobIds().isEmpty()) {
      throw new ProblemException(ProblemType.INVALID_REQUEST, "jobIds names no job");
    }
    if (byIds && request.jobIds().stream().anyMatch(java.util.Objects::isNull)) {
      throw new ProblemException(ProblemType.INVALID_REQUEST, "jobIds holds a null");
    }
    if (request.action() == BulkAction.REPRIORITIZE && request.priority() == null) {
      throw new ProblemException(
          ProblemType.INVALID_REQUEST, "reprioritize needs a priority from 0 to 9");
    }
    if (request.priority() != null
        && request.action() != BulkAction.REPRIORITIZE
        && request.action() != BulkAction.RETRY) {
      throw new ProblemException(
          ProblemType.INVALID_REQUEST,
          "priority applies to retry and reprioritize only, not to " + request.action().wireName());
    }
    if (byIds && request.jobIds().size() > maxItems) {
      throw tooMany("names " + request.jobIds().size() + " jobs");
    }
  }

  private List<UUID> ids(Caller caller, BulkRequest request) {
    if (request.jobIds() != null) {
      return List.copyOf(new LinkedHashSet<>(request.jobIds()));
    }
    List<UUID> selected = jobs.ids(caller, request.filter(), maxItems + 1);
    if (selected.size() > maxItems) {
      throw tooMany("selects more than " + maxItems + " jobs; narrow the filter");
    }
    return selected;
  }
}
