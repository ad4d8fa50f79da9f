package io.fileparser.workflow;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The limits of dependencies and schedules, from the configuration. */
@ApplicationScoped
public class WorkflowSettings {

  @Inject
  @ConfigProperty(name = "fileparser.jobs.dependencies.max", defaultValue = "20")
  int maxDependencies;

  @Inject
  @ConfigProperty(name = "fileparser.jobs.schedule.max-ahead-days", defaultValue = "365")
  int maxAheadDays;

  public int maxDependencies() {
    return maxDependencies;
  }

  /** How far ahead a job may be scheduled. */
  public Duration horizon() {
    return Duration.ofDays(maxAheadDays);
  }
}
