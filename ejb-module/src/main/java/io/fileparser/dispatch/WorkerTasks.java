package io.fileparser.dispatch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fileparser.broker.RedisConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Celery tasks that are no parse job: advice and upkeep the workers do for a tenant (retraining the
 * field model, ranking fields for columns). Unlike a job's attempt they go straight onto the
 * broker, not through the outbox: nothing is lost if one never runs (the next approval retrains
 * again; a caller waiting for advice is told it is unavailable). A call someone waits for goes at
 * kombu priority 0, ahead of parse jobs; upkeep ({@link #sendLast}) at 9, behind them, so a
 * retraining never keeps a file waiting.
 */
@ApplicationScoped
public class WorkerTasks {

  static final String RESULT_KEY_PREFIX = "celery-task-meta-";
  private static final Logger LOG = Logger.getLogger(WorkerTasks.class.getName());
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ORIGIN = "java@" + hostName();
  private static final Duration POLL = Duration.ofMillis(50);

  @Inject RedisConnection redis;
  @Inject DispatchSettings settings;

  /**
   * Sends task {@code name}; returns its id.
   *
   * @throws RuntimeException when the broker cannot be reached
   */
  public UUID send(String name, List<?> args, Map<String, ?> kwargs) {
    return send(name, args, kwargs, 0);
  }

  /** Sends task {@code name} behind every parse job waiting; returns its id. */
  public UUID sendLast(String name, List<?> args, Map<String, ?> kwargs) {
    return send(name, args, kwargs, 9);
  }

  private UUID send(String name, List<?> args, Map<String, ?> kwargs, int priority) {
    UUID taskId = UUID.randomUUID();
    CeleryTaskMessage message =
        new CeleryTaskMessage(
            name,
            taskId,
            args,
            kwargs,
            settings.queue(),
            priority,
            UUID.randomUUID(),
            ORIGIN,
            settings.hardTimeLimitSeconds(),
            settings.softTimeLimitSeconds());
    redis.pool().lpush(KombuQueues.listKey(settings.queue(), priority), message.toEnvelope());
    return taskId;
  }

  /**
   * Sends task {@code name} and waits at most {@code timeout} for its result in the result backend
   * (which it then deletes); empty when no worker answered in time, the task failed, or the broker
   * is away.
   */
  public Optional<JsonNode> call(
      String name, List<?> args, Map<String, ?> kwargs, Duration timeout) {
    try {
      UUID taskId = send(name, args, kwargs);
      String key = RESULT_KEY_PREFIX + taskId;
      long deadline = System.nanoTime() + timeout.toNanos();
      while (System.nanoTime() < deadline) {
        String stored = redis.pool().get(key);
        if (stored != null) {
          JsonNode state = JSON.readTree(stored);
          String status = state.path("status").asText();
          if ("SUCCESS".equals(status)) {
            redis.pool().del(key);
            return Optional.of(state.path("result"));
          }
          if ("FAILURE".equals(status) || "REVOKED".equals(status)) {
            redis.pool().del(key);
            LOG.warning(() -> "task " + name + " " + taskId + " ended " + status);
            return Optional.empty();
          }
        }
        Thread.sleep(POLL.toMillis());
      }
      LOG.info(() -> "no worker answered task " + name + " " + taskId + " within " + timeout);
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    } catch (IOException | RuntimeException e) {
      LOG.log(Level.WARNING, "task " + name + " could not be called", e);
      return Optional.empty();
    }
  }

  /**
   * The state the result backend holds for task {@code taskId} ({@code status}, {@code result}),
   * left there until it expires; empty while no worker stored one.
   *
   * @throws RuntimeException when the broker cannot be reached or the state is no JSON
   */
  public Optional<JsonNode> stored(UUID taskId) {
    String stored = redis.pool().get(RESULT_KEY_PREFIX + taskId);
    if (stored == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(JSON.readTree(stored));
    } catch (IOException e) {
      throw new IllegalStateException("the stored state of task " + taskId + " is no JSON", e);
    }
  }

  private static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "localhost";
    }
  }
}
