package io.fileparser.resumable;

import io.fileparser.broker.RedisConnection;
import io.fileparser.events.UploadProgressed;
import io.fileparser.security.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import redis.clients.jedis.params.SetParams;

/**
 * Reports uploads' progress to the live channels ({@link UploadProgressed}, {@code
 * upload.progress}): a change of state (complete, failed, terminated, joined) every time, received
 * bytes at most once per interval per upload, across every instance (the interval is a Redis key
 * with that expiry), so that a client sending small chunks fast does not flood its tenant's
 * subscribers. A report that cannot be made is dropped: progress is a reading, not a record.
 */
@ApplicationScoped
public class ProgressReports {

  private static final Logger LOG = Logger.getLogger(ProgressReports.class.getName());

  @Inject Event<UploadProgressed> events;
  @Inject RedisConnection redis;

  @Inject
  @ConfigProperty(name = "fileparser.resumable.progress-interval-ms", defaultValue = "1000")
  long intervalMillis;

  /** Bytes arrived: reported unless the upload was reported less than an interval ago. */
  void received(Caller caller, UploadStatus status) {
    if (isDue(status.id())) {
      fire(caller, status);
    }
  }

  /** The upload's state changed: always reported. */
  void changed(Caller caller, UploadStatus status) {
    fire(caller, status);
  }

  private boolean isDue(UUID id) {
    try {
      return "OK"
          .equals(
              redis
                  .pool()
                  .set(
                      "fileparser:resumable:progress:" + id,
                      "1",
                      SetParams.setParams().nx().px(intervalMillis)));
    } catch (RuntimeException e) {
      return false;
    }
  }

  private void fire(Caller caller, UploadStatus status) {
    try {
      events.fire(
          new UploadProgressed(
              caller.tenantId(),
              status.id(),
              Instant.now(),
              status.state(),
              status.bytesReceived(),
              status.length(),
              status.bytesPerSecond(),
              status.etaSeconds(),
              status.jobId()));
    } catch (RuntimeException e) {
      LOG.log(Level.FINE, e, () -> "could not report the progress of " + status.id());
    }
  }
}
