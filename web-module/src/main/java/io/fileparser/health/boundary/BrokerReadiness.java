package io.fileparser.health.boundary;

import io.fileparser.health.BrokerProbe;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Redis, the broker of the workers: without it no job is dispatched and no progress arrives (jobs
 * are not lost: they wait in the outbox), so the instance is not ready.
 */
@Readiness
@ApplicationScoped
public class BrokerReadiness implements HealthCheck {

  @Inject BrokerProbe probe;

  @Override
  public HealthCheckResponse call() {
    try {
      probe.ping();
      return HealthCheckResponse.named("broker").up().build();
    } catch (RuntimeException e) {
      return HealthCheckResponse.named("broker").withData("error", e.getMessage()).down().build();
    }
  }
}
