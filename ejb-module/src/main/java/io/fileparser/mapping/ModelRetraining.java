package io.fileparser.mapping;

import io.fileparser.dispatch.WorkerTasks;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Asks the workers to retrain a tenant's field model once an approval committed: task {@code
 * parser.retrain_model(tenantId, mappings=[...])} with all of the tenant's approved columns (the
 * worker weighs recent and repeated choices more), queued behind the parse jobs. Best effort: a
 * broker that is away loses this retraining, and the next approval sends every example again.
 */
@ApplicationScoped
public class ModelRetraining {

  static final String TASK = "parser.retrain_model";
  private static final Logger LOG = Logger.getLogger(ModelRetraining.class.getName());

  @Inject WorkerTasks tasks;

  void onApproved(@Observes(during = TransactionPhase.AFTER_SUCCESS) MappingApproved approved) {
    try {
      tasks.sendLast(TASK, List.of(approved.tenantId()), Map.of("mappings", approved.examples()));
    } catch (RuntimeException e) {
      LOG.log(
          Level.WARNING,
          "could not ask the workers to retrain the field model of tenant " + approved.tenantId(),
          e);
    }
  }
}
