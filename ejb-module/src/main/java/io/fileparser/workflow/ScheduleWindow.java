package io.fileparser.workflow;

import io.fileparser.problem.ProblemException;
import io.fileparser.problem.ProblemType;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * Which instants a job may be scheduled at: any up to the horizon ahead. An instant that has passed
 * means "now" (the job enters the queue at once): clocks differ, and a client that computed "in one
 * second" must not be refused because its request took two. Beyond the horizon is refused: such a
 * date is more likely a mistake (a year typed wrong) than a plan.
 */
public final class ScheduleWindow {

  private ScheduleWindow() {}

  /**
   * @throws ProblemException {@code schedule_too_far} (422) beyond {@code horizon} from {@code now}
   */
  public static Instant admit(Instant requested, Instant now, Duration horizon) {
    Instant latest = now.plus(horizon);
    if (requested.isAfter(latest)) {
      throw new ProblemException(
          ProblemType.SCHEDULE_TOO_FAR,
          "scheduleAt may be at most " + horizon.toDays() + " days ahead (until " + latest + ")",
          Map.of("latest", latest.toString()));
    }
    return requested.isBefore(now) ? now : requested;
  }
}
