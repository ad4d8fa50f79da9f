package io.fileparser.dispatch;

import io.fileparser.broker.RedisConnection;
import io.fileparser.scheduling.PeriodicTask;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.logging.Logger;
import redis.clients.jedis.JedisPooled;

/**
 * Re-dispatches work whose worker died. kombu restores an unacknowledged message of a dead worker
 * only when some worker restarts or after its visibility timeout (observed: ~100 s, or an hour), so
 * the application does not wait for it: an in-flight job silent past the window is checked in Redis
 * and, unless its message is still waiting in the queue or merely reserved by a worker busy with
 * something else, it gets a new attempt. A late result of the old attempt is then ignored.
 */
@Startup
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class LostWorkSweeper extends PeriodicTask {

  private static final Logger LOG = Logger.getLogger(LostWorkSweeper.class.getName());

  @Inject LostWork lostWork;
  @Inject RedisConnection redis;
  @Inject DispatchSettings settings;

  @Override
  protected Duration interval() {
    return settings.sweepInterval();
  }

  @Override
  protected void runRound() {
    Duration window = settings.silenceWindow();
    Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
    JedisPooled jedis = redis.pool();
    for (LostWork.SilentAttempt attempt : lostWork.silentSince(now.minus(window), 100)) {
      if (jedis.lpos(attempt.queueKey(), attempt.envelope()) != null) {
        lostWork.stillWaiting(attempt.jobId(), now);
        continue;
      }
      boolean started = jedis.exists("celery-task-meta-" + attempt.taskId());
      boolean reserved = jedis.hexists("unacked", attempt.deliveryTag().toString());
      boolean longSilent = attempt.lastActivity().isBefore(now.minus(window.multipliedBy(3)));
      if (reserved && !started && !longSilent) {
        continue; // held by a worker that has not started it yet
      }
      if (lostWork.recover(attempt, window)) {
        LOG.warning(
            () ->
                "job "
                    + attempt.jobId()
                    + " silent since "
                    + attempt.lastActivity()
                    + ": task "
                    + attempt.taskId()
                    + " presumed lost, re-dispatched or dead-lettered");
      }
    }
  }
}
