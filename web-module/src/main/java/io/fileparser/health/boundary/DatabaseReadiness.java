package io.fileparser.health.boundary;

import io.fileparser.health.DatabaseProbe;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready when PostgreSQL answers and the schema has been migrated. */
@Readiness
@ApplicationScoped
public class DatabaseReadiness implements HealthCheck {

  @Inject DatabaseProbe probe;

  @Override
  public HealthCheckResponse call() {
    try {
      return HealthCheckResponse.named("database")
          .withData("schemaVersion", probe.schemaVersion())
          .up()
          .build();
    } catch (Exception e) {
      return HealthCheckResponse.named("database").withData("error", e.getMessage()).down().build();
    }
  }
}
