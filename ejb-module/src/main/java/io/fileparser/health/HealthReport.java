package io.fileparser.health;

import io.fileparser.scan.VirusScanner;
import io.fileparser.storage.ObjectStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
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
  @Inject ObjectStore store;

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

  /** Down also when Redis refuses the credentials or the TLS handshake fails. */
  public Dependency broker() {
    Map<String, Object> details = new LinkedHashMap<>();
    try {
      details.put("address", broker.address());
      broker.ping();
      return new Dependency("broker", true, details);
    } catch (RuntimeException e) {
      details.put("error", String.valueOf(e.getMessage()));
      return new Dependency("broker", false, details);
    }
  }

  /** Down when an upload could not be stored: the local root unwritable, the bucket silent. */
  public Dependency objectStore() {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("store", store.describe());
    try {
      store.checkWritable();
      return new Dependency("object-store", true, details);
    } catch (IOException | RuntimeException e) {
      details.put("error", String.valueOf(e.getMessage()));
      return new Dependency("object-store", false, details);
    }
  }

  /**
   * Down only when scanning is on, clamd does not answer (or its address is refused, see {@code
   * ClamdLink}: the reason is the error) and uploads are not let through.
   */
  public Dependency scanner() {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("enabled", scanner.isEnabled());
    if (!scanner.isEnabled()) {
      return new Dependency("virus-scanner", true, details);
    }
    boolean reachable = scanner.isReachable();
    details.put("scanner", scanner.describe());
    details.put("reachable", reachable);
    scanner.refusal().ifPresent(why -> details.put("error", why));
    details.put("failOpen", scanner.isFailOpen());
    return new Dependency("virus-scanner", reachable || scanner.isFailOpen(), details);
  }

  public Report all() {
    List<Dependency> dependencies = List.of(database(), broker(), objectStore(), scanner());
    return new Report(dependencies.stream().allMatch(Dependency::up), dependencies);
  }
}
