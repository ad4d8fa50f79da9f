package io.fileparser.workflow.boundary;

import jakarta.validation.constraints.NotNull;
import java.time.Instant;

/**
 * A held job's new start instant: RFC 3339 with an offset or {@code Z}. A past instant means now;
 * one beyond the horizon is refused ({@code schedule_too_far}).
 */
public class ScheduleRequest {

  @NotNull public Instant scheduleAt;
}
