package io.fileparser.health.boundary;

import io.fileparser.health.HealthReport;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import java.util.function.Supplier;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * The readiness checks at {@code /health/ready}: the database, Redis, the object store and the
 * virus scanner, each up or down and nothing more, since the endpoint is anonymous. An operator
 * reads why at {@code GET /api/parser/admin/health}.
 */
@ApplicationScoped
public class DependencyReadiness {

  @Inject HealthReport report;

  @Produces
  @Readiness
  HealthCheck database() {
    return check(report::database);
  }

  @Produces
  @Readiness
  HealthCheck broker() {
    return check(report::broker);
  }

  @Produces
  @Readiness
  HealthCheck objectStore() {
    return check(report::objectStore);
  }

  @Produces
  @Readiness
  HealthCheck scanner() {
    return check(report::scanner);
  }

  private static HealthCheck check(Supplier<HealthReport.Dependency> probe) {
    return () -> {
      HealthReport.Dependency dependency = probe.get();
      return HealthCheckResponse.named(dependency.name()).status(dependency.up()).build();
    };
  }
}
