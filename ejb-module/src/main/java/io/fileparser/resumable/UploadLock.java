package io.fileparser.resumable;

import io.fileparser.broker.RedisConnection;
import io.fileparser.problem.ProblemException;
import io.fileparser.problem.ProblemType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import redis.clients.jedis.params.SetParams;

/**
 * One writer per upload, across every instance: a Redis key set with {@code NX} and an expiry,
 * holding a random token that only its holder may renew or release.
 *
 * <p>Why Redis and not a PostgreSQL row lock ({@code SELECT ... FOR UPDATE NOWAIT}): a row lock
 * lives as long as its transaction, so it would hold a database connection (and a transaction) open
 * for as long as a chunk streams in, minutes on a slow network, and the upload pipeline keeps
 * streaming outside transactions for exactly that reason. The Redis lock costs no connection while
 * held, and its expiry frees an upload whose writer died (a killed instance) without anyone's help.
 * The holder renews it while bytes arrive, so a slow but live chunk keeps it.
 */
@ApplicationScoped
public class UploadLock {

  private static final Logger LOG = Logger.getLogger(UploadLock.class.getName());

  private static final String RENEW =
      "if redis.call('get', KEYS[1]) == ARGV[1] then"
          + " return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end";
  private static final String RELEASE =
      "if redis.call('get', KEYS[1]) == ARGV[1] then"
          + " return redis.call('del', KEYS[1]) else return 0 end";

  @Inject RedisConnection redis;

  @Inject
  @ConfigProperty(name = "fileparser.resumable.lock-seconds", defaultValue = "60")
  long lockSeconds;

  /** A held lock; closing it releases it. */
  public final class Held implements AutoCloseable {
    private final String key;
    private final String token;
    private long renewedAt = System.nanoTime();

    private Held(String key, String token) {
      this.key = key;
      this.token = token;
    }

    /** Renews the expiry when a third of it has passed (cheap to call for every buffer). */
    void renewIfDue() {
      long now = System.nanoTime();
      if (now - renewedAt < lockSeconds * 1_000_000_000L / 3) {
        return;
      }
      renewedAt = now;
      Object renewed =
          redis.pool().eval(RENEW, List.of(key), List.of(token, Long.toString(lockSeconds * 1000)));
      if (!Long.valueOf(1).equals(renewed)) {
        LOG.warning(() -> "the lock " + key + " expired while its chunk was streaming");
      }
    }

    @Override
    public void close() {
      try {
        redis.pool().eval(RELEASE, List.of(key), List.of(token));
      } catch (RuntimeException e) {
        // It expires on its own; the next writer waits at most lockSeconds.
        LOG.log(Level.WARNING, "could not release " + key, e);
      }
    }
  }

  /**
   * @throws ProblemException {@code upload_locked} (423) while another request writes to it
   */
  public Held acquire(UUID uploadId) {
    String key = "fileparser:resumable:lock:" + uploadId;
    String token = UUID.randomUUID().toString();
    String set = redis.pool().set(key, token, SetParams.setParams().nx().px(lockSeconds * 1000));
    if (!"OK".equals(set)) {
      throw new ProblemException(
          ProblemType.UPLOAD_LOCKED,
          "another request is writing to this upload; ask for its offset (HEAD) and try again");
    }
    return new Held(key, token);
  }
}
