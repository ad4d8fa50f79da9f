package io.fileparser.admin;

import io.fileparser.problem.ProblemException;
import io.fileparser.problem.ProblemType;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One Celery remote-control command for a worker, checked before it is sent: {@code pool_grow} and
 * {@code pool_shrink} by {@code n} processes (1-16, default 1), {@code rate_limit} of the parse
 * task ({@code rate}: {@code 10/s}, {@code 100/m}, {@code 1000/h}, a number per second, or {@code
 * 0} for none), {@code shutdown} (a warm shutdown: running tasks finish first), and the reads
 * {@code stats} and {@code ping}.
 *
 * @param method Celery's name of the command
 * @param arguments its arguments, as Celery's control command takes them
 */
public record WorkerCommand(String method, Map<String, Object> arguments) {

  /** The commands the API sends, by their name in the request. */
  public enum Kind {
    POOL_GROW,
    POOL_SHRINK,
    RATE_LIMIT,
    SHUTDOWN,
    STATS,
    PING;

    public String method() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  static final int MAX_PROCESSES = 16;

  private static final Pattern RATE = Pattern.compile("(0|[1-9][0-9]{0,5})(/[smh])?");

  /** Whether the worker answers: a shutdown ends it before it could. */
  public boolean expectsReply() {
    return !method.equals(Kind.SHUTDOWN.method());
  }

  /**
   * @throws ProblemException {@code invalid_worker_command} naming the {@code field}
   */
  public static WorkerCommand parse(String command, Integer n, String rate, String parseTask) {
    Kind kind = kind(command);
    Map<String, Object> arguments = new LinkedHashMap<>();
    boolean sized = kind == Kind.POOL_GROW || kind == Kind.POOL_SHRINK;
    if (n != null && !sized) {
      throw invalid("n", "only pool_grow and pool_shrink take n");
    }
    if (rate != null && kind != Kind.RATE_LIMIT) {
      throw invalid("rate", "only rate_limit takes a rate");
    }
    if (sized) {
      int processes = n == null ? 1 : n;
      if (processes < 1 || processes > MAX_PROCESSES) {
        throw invalid("n", "a whole number of processes from 1 to " + MAX_PROCESSES);
      }
      arguments.put("n", processes);
    }
    if (kind == Kind.RATE_LIMIT) {
      if (rate == null || !RATE.matcher(rate).matches()) {
        throw invalid(
            "rate", "tasks per second, minute or hour such as 10/s, 100/m or 1000/h; 0 for none");
      }
      arguments.put("task_name", parseTask);
      arguments.put("rate_limit", rate);
    }
    return new WorkerCommand(kind.method(), arguments);
  }

  private static Kind kind(String command) {
    if (command != null) {
      for (Kind kind : Kind.values()) {
        if (kind.method().equals(command)) {
          return kind;
        }
      }
    }
    throw invalid("command", "one of pool_grow, pool_shrink, rate_limit, shutdown, stats or ping");
  }

  private static ProblemException invalid(String field, String expected) {
    return new ProblemException(
        ProblemType.INVALID_WORKER_COMMAND, field + ": " + expected, Map.of("field", field));
  }
}
