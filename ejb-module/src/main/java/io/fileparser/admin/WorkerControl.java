package io.fileparser.admin;

import com.fasterxml.jackson.databind.JsonNode;
import io.fileparser.audit.AuditLog;
import io.fileparser.broker.RedisConnection;
import io.fileparser.dispatch.DispatchSettings;
import io.fileparser.dispatch.KombuQueues;
import io.fileparser.problem.ProblemException;
import io.fileparser.problem.ProblemType;
import io.fileparser.progress.WorkerRegistry;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.util.KeyValue;

/**
 * Sends a Celery remote-control command to one worker the registry knows (live or stale) and, for a
 * command that replies, waits up to {@code fileparser.workers.command-timeout-ms} (3000) for the
 * worker's reply. Each command is audited ({@code worker.command}, platform scope) in the same
 * transaction as it is sent; a Redis failure rolls the record back with the request (503).
 *
 * <p>A shutdown is warm: the worker stops taking tasks, lets its running ones finish, announces
 * {@code worker-offline} and leaves the live list; it cannot reply, so it is answered as accepted.
 */
@Stateless
public class WorkerControl {

  /** The audit scope of platform-wide records, as dispatch pauses have it. */
  static final String PLATFORM_SCOPE = "*";

  @Inject RedisConnection redis;
  @Inject WorkerRegistry workers;
  @Inject DispatchSettings dispatch;
  @Inject AuditLog audit;

  @Inject
  @ConfigProperty(name = "fileparser.workers.command-timeout-ms", defaultValue = "3000")
  long timeoutMillis;

  /**
   * @throws ProblemException {@code worker_not_found} for a worker never heard of (or gone
   *     offline), {@code invalid_worker_command}, {@code worker_no_reply} (504) when a command that
   *     replies was not answered in time
   */
  public WorkerCommandOutcome send(
      String actor, String worker, String command, Integer n, String rate) {
    WorkerCommand parsed = WorkerCommand.parse(command, n, rate, dispatch.taskName());
    boolean known = workers.list().stream().anyMatch(w -> w.hostname().equals(worker));
    if (!known) {
      throw new ProblemException(
          ProblemType.WORKER_NOT_FOUND, "no worker of this name has been heard from");
    }
    audit.record(
        PLATFORM_SCOPE,
        actor,
        "worker.command",
        "worker",
        worker,
        parsed.method() + " " + PidboxMessages.JSON.valueToTree(parsed.arguments()));
    if (!parsed.expectsReply()) {
      publish(parsed, worker, null, null);
      return new WorkerCommandOutcome(worker, parsed.method(), false, null);
    }
    JsonNode reply = ask(parsed, worker);
    if (reply == null) {
      throw new ProblemException(
          ProblemType.WORKER_NO_REPLY,
          "the worker did not answer within " + timeoutMillis + " ms; it may be busy or gone",
          Map.of("worker", worker, "command", parsed.method()));
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> answer = PidboxMessages.JSON.convertValue(reply, Map.class);
    return new WorkerCommandOutcome(worker, parsed.method(), true, answer);
  }

  /** Sends and waits for the worker's reply; null when none came in time. */
  private JsonNode ask(WorkerCommand command, String worker) {
    JedisPooled pool = redis.pool();
    String oid = UUID.randomUUID().toString();
    String ticket = UUID.randomUUID().toString();
    String queue = PidboxMessages.replyQueue(oid);
    pool.sadd(PidboxMessages.BINDINGS, PidboxMessages.binding(oid));
    try {
      publish(command, worker, ticket, oid);
      long deadline = System.nanoTime() + Duration.ofMillis(timeoutMillis).toNanos();
      while (true) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return null;
        }
        // In waits of at most a second: well within the pooled connection's read timeout.
        KeyValue<String, String> popped =
            pool.brpop(Math.min(1.0, Math.max(0.01, left / 1e9)), queue);
        if (popped == null) {
          continue;
        }
        JsonNode reply = PidboxMessages.reply(popped.getValue(), ticket).orElse(null);
        if (reply != null && reply.has(worker)) {
          return reply.get(worker);
        }
      }
    } finally {
      pool.srem(PidboxMessages.BINDINGS, PidboxMessages.binding(oid));
      pool.del(queue);
    }
  }

  private void publish(WorkerCommand command, String worker, String ticket, String oid) {
    long expires = Instant.now().plusMillis(timeoutMillis).getEpochSecond() + 1;
    redis
        .pool()
        .publish(
            KombuQueues.pidboxChannel(redis.database()),
            PidboxMessages.command(command, List.of(worker), ticket, oid, expires));
  }
}
