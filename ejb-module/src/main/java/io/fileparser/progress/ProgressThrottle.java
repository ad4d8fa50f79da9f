package io.fileparser.progress;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps a chatty worker from turning every {@code update_state} into a database write: a PROGRESS
 * report is accepted when its step changed, when it reaches 100 %, or when the last accepted one is
 * older than the interval. Ready states are always accepted and forget the task.
 */
public class ProgressThrottle {

  private record Last(Instant at, String step) {}

  private final Duration interval;
  private final Map<String, Last> last = new ConcurrentHashMap<>();

  public ProgressThrottle(Duration interval) {
    this.interval = interval;
  }

  public boolean accept(String taskId, String status, String step, int percent, Instant now) {
    if (!status.equals("PROGRESS")) {
      if (!status.equals("STARTED")) {
        last.remove(taskId);
      }
      return true;
    }
    Last previous = last.get(taskId);
    boolean accepted =
        previous == null
            || percent >= 100
            || (step != null && !step.equals(previous.step()))
            || !now.isBefore(previous.at().plus(interval));
    if (accepted) {
      last.put(taskId, new Last(now, step));
    }
    return accepted;
  }

  int tracked() {
    return last.size();
  }
}
