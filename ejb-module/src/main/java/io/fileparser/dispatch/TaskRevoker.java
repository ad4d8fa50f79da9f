package io.fileparser.dispatch;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fileparser.broker.RedisConnection;
import io.fileparser.jobs.JobChanges;
import io.fileparser.jobs.entity.JobChanged;
import io.fileparser.jobs.entity.JobState;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Broadcasts Celery {@code revoke} commands on the workers' pidbox channel (celery-contract.md,
 * section 5) once a job change that abandons a task has committed: a cancel terminates the running
 * task; a retry revokes the old attempt's task without terminating it, so a redelivered copy is
 * dropped. Fire-and-forget by nature: a worker that is offline never hears it, which is why a
 * cancelled job also ignores any late result.
 */
@ApplicationScoped
public class TaskRevoker {

  private static final Logger LOG = Logger.getLogger(TaskRevoker.class.getName());
  private static final ObjectMapper JSON = new ObjectMapper();

  @Inject RedisConnection redis;

  void onChanged(@Observes(during = TransactionPhase.AFTER_SUCCESS) JobChanges changes) {
    changes.changes().forEach(this::onChanged);
  }

  private void onChanged(JobChanged change) {
    if (change.taskId() == null) {
      return;
    }
    boolean cancelled = change.to() == JobState.CANCELLED;
    boolean retried =
        change.isQueueing()
            && (change.from() == JobState.QUEUED || change.from() == JobState.RUNNING);
    if (cancelled || retried) {
      try {
        revoke(UUID.fromString(change.taskId()), cancelled);
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "could not broadcast revoke of task " + change.taskId(), e);
      }
    }
  }

  public void revoke(UUID taskId, boolean terminate) {
    redis.pool().publish(KombuQueues.pidboxChannel(redis.database()), envelope(taskId, terminate));
  }

  static String envelope(UUID taskId, boolean terminate) {
    ObjectNode body = JSON.createObjectNode();
    body.put("method", "revoke");
    ObjectNode arguments = body.putObject("arguments");
    arguments.put("task_id", taskId.toString());
    arguments.put("terminate", terminate);
    arguments.put("signal", "SIGTERM");
    body.putNull("destination");
    body.putNull("pattern");
    body.putNull("matcher");
    return KombuQueues.pidboxEnvelope(body, 0);
  }
}
