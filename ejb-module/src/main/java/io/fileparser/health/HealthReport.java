package io.fileparser.health;

import io.fileparser.scan.VirusScanner;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The state of each dependency, once for the anonymous readiness checks (up or down, nothing more:
 * host names, versions and error texts help an attacker) and once in detail for the platform
 * operator ({@code GET /admin/health}).
 */
@ApplicationScoped
public class HealthReport {

  /** One dependency: whether it serves, and what an operator should know about it. */
  public record Dependency(String name, boolean up, Map<String, Object> details) {}

  /** Every dependency, and whether all of them serve. */
  @Schema(name = "HealthReport")
  public record Report(boolean up, List<Dependency> dependencies) {}

  @Inject DatabaseProbe database;
  @Inject BrokerProbe broker;
  @Inject VirusScanner scanner;

  public Dependency database() {
    Map<String, Object> details = new LinkedHashMap<>();
    try {
      details.put("schemaVersion", database.schemaVersion());
      return new Dependency("database", true, details);
    } catch (SQLException | RuntimeException e) {
      details.put("error", e.getMessage());
      return new Dependency("database", false, details);
    }
  }

  public Dependency broker() {
    try {
      broker.ping();
      return new Dependency("broker", true, Map.of());
    } catch (RuntimeException e) {
      Map<String, Object> details = new LinkedHashMap<>();
      details.put("error", String.valueOf(e.getMessage()));
      return new Dependency("broker", false, details);
    }
  }

  /** Down only when scanning is on, clamd does not answer and uploads are not let through. */
  public Dependency scanner() {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("enabled", scanner.isEnabled());
    if (!scanner.isEnabled()) {
      return new Dependency("virus-scanner", true, details);
    }
    boolean reachable = scanner.isReachable();
    details.put("scanner", scanner.describe());
    details.put("reachable", reachable);
    details.put("failOpen", scanner.isFailOpen());
    return new Dependency("virus-scanner", reachable || scanner.isFailOpen(), details);
  }

  public Report all() {
    List<Dependency> dependencies = List.of(database(), broker(), scanner());
    return new Report(dependencies.stream().allMatch(Dependency::up), dependencies);
  }
}
