package io.fileparser.events;

import io.fileparser.broker.RedisConnection;
import io.fileparser.jobcontrol.BulkProgressed;
import io.fileparser.jobs.JobChanges;
import io.fileparser.jobs.entity.JobChanged;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.util.logging.Level;
import java.util.logging.Logger;
import redis.clients.jedis.AbstractPipeline;

/**
 * Publishes every committed job change to all application-server instances: one Redis pub/sub
 * message per change, on a channel of the application's Redis database (pub/sub channels are shared
 * by all databases of a server). Each instance hands it to its own live subscribers ({@link
 * LiveEvents}); a subscriber on the instance that made the change hears it the same way, so each
 * subscriber gets each event once.
 *
 * <p>Published synchronously after commit, the changes a transaction made to a job in one round
 * trip (pipelined), so one job's events leave in seq order. When Redis is away the event is not
 * lost for subscribers: they notice the gap in a job's seq, or resume by seq, and read it from the
 * history.
 */
@ApplicationScoped
public class EventFanout {

  private static final Logger LOG = Logger.getLogger(EventFanout.class.getName());

  @Inject RedisConnection redis;

  void onChanged(@Observes(during = TransactionPhase.AFTER_SUCCESS) JobChanges changes) {
    String channel = channel(redis.database());
    try (AbstractPipeline pipeline = redis.pool().pipelined()) {
      for (JobChanged change : changes.changes()) {
        pipeline.publish(channel, JobEventMessage.of(change).toJson());
      }
      pipeline.sync();
    } catch (RuntimeException e) {
      JobChanged first = changes.changes().get(0);
      LOG.log(
          Level.FINE,
          e,
          () -> "could not publish events from " + first.seq() + " of job " + first.jobId());
    }
  }

  /**
   * Publishes an upload's progress the same way, as it happens (an upload changes outside any
   * transaction). Lost when Redis is away: the next reading replaces it.
   */
  void onUploadProgressed(@Observes UploadProgressed progress) {
    publishReading(progress.toJson(), "the progress of upload " + progress.uploadId());
  }

  /** Publishes a bulk operation's progress once the batch that made it is committed. */
  void onBulkProgressed(
      @Observes(during = TransactionPhase.AFTER_SUCCESS) BulkProgressed progress) {
    publishReading(progress.toJson(), "the progress of bulk operation " + progress.operationId());
  }

  private void publishReading(String json, String what) {
    try {
      redis.pool().publish(readingsChannel(redis.database()), json);
    } catch (RuntimeException e) {
      LOG.log(Level.FINE, e, () -> "could not publish " + what);
    }
  }

  /** The channel of one Redis database's readings ({@link Readings}): not job events. */
  static String readingsChannel(int database) {
    return "fileparser." + database + ".readings";
  }

  /** The channel of one Redis database's job events. */
  static String channel(int database) {
    return "fileparser." + database + ".job-events";
  }
}
