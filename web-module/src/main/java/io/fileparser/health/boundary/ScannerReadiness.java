package io.fileparser.health.boundary;

import io.fileparser.scan.VirusScanner;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready when clamd answers PING, or when scanning is off. Uploads arriving while clamd is away are
 * not lost (they wait in SCANNING), but an instance that cannot scan should not be sent new work.
 */
@Readiness
@ApplicationScoped
public class ScannerReadiness implements HealthCheck {

  @Inject VirusScanner scanner;

  @Override
  public HealthCheckResponse call() {
    if (!scanner.isEnabled()) {
      return HealthCheckResponse.named("virus-scanner").withData("enabled", false).up().build();
    }
    return HealthCheckResponse.named("virus-scanner")
        .withData("scanner", scanner.describe())
        .withData("failOpen", scanner.isFailOpen())
        .status(scanner.isReachable() || scanner.isFailOpen())
        .build();
  }
}
