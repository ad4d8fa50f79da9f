package io.fileparser.events.boundary;

import io.fileparser.problem.ProblemException;
import io.fileparser.problem.ProblemType;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricID;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.MetricUnits;

/**
 * This instance's open live connections (WebSocket sessions and SSE streams): a limit per tenant, a
 * heartbeat for each on one schedule (it also finds connections whose client has gone), their
 * number in the metrics, and a clean close of all of them when the application stops or is
 * redeployed.
 */
@ApplicationScoped
public class OpenStreams {

  private static final Logger LOG = Logger.getLogger(OpenStreams.class.getName());

  /** One open connection. */
  public interface Connection {
    /** Keeps the connection alive, and notices a client that has gone. */
    void heartbeat();

    /** The application stops: close, telling the client to come back. */
    void shutDown();
  }

  @Resource(lookup = "concurrent/parserScheduler")
  ManagedScheduledExecutorService scheduler;

  @Inject
  @ConfigProperty(name = "fileparser.events.max-connections-per-tenant", defaultValue = "500")
  int maxPerTenant;

  @Inject
  @ConfigProperty(name = "fileparser.events.heartbeat-s", defaultValue = "15")
  int heartbeatSeconds;

  private static final MetricID GAUGE = new MetricID("fileparser_live_connections");

  @Inject MetricRegistry registry;

  /** Heartbeats go out over this many ticks of a period, a slice of the connections each. */
  static final int HEARTBEAT_SLICES = 15;

  private final Map<String, Set<Connection>> byTenant = new ConcurrentHashMap<>();
  private final HeartbeatRounds<Connection> rounds = new HeartbeatRounds<>(HEARTBEAT_SLICES);
  private final AtomicInteger open = new AtomicInteger();
  private ScheduledFuture<?> heartbeats;

  /** Created with the application, so the gauge is there before the first connection. */
  void boot(@Observes @Initialized(ApplicationScoped.class) Object started) {
    // nothing to do: observing the event created the bean
  }

  @PostConstruct
  void start() {
    // Registered here and removed on stop: a gauge declared by annotation stayed bound to the
    // first deployment's bean after a redeployment, and read 0 while connections were open.
    registry.remove(GAUGE);
    registry.gauge(
        Metadata.builder()
            .withName(GAUGE.getName())
            .withDescription("Open WebSocket sessions and SSE streams on this server")
            .withUnit(MetricUnits.NONE)
            .build(),
        open::get);
    long tickMillis = Math.max(1, heartbeatSeconds * 1000L / rounds.slices());
    heartbeats =
        scheduler.scheduleWithFixedDelay(this::beat, tickMillis, tickMillis, TimeUnit.MILLISECONDS);
  }

  @PreDestroy
  void stop() {
    registry.remove(GAUGE);
    if (heartbeats != null) {
      heartbeats.cancel(false);
    }
    byTenant.values().forEach(set -> set.forEach(OpenStreams::shutDownQuietly));
    byTenant.clear();
  }

  /**
   * Counts a new connection of the tenant.
   *
   * @throws ProblemException {@code too_many_connections} past the tenant's limit
   */
  public void admit(String tenantId, Connection connection) {
    Set<Connection> tenant = byTenant.computeIfAbsent(tenantId, t -> ConcurrentHashMap.newKeySet());
    synchronized (tenant) {
      if (tenant.size() >= maxPerTenant) {
        throw new ProblemException(
            ProblemType.TOO_MANY_CONNECTIONS,
            "the tenant has "
                + tenant.size()
                + " live connections open on this server, the most it may; close one first");
      }
      if (tenant.add(connection)) {
        open.incrementAndGet();
        rounds.add(connection);
      }
    }
  }

  /** Forgets a closed connection; harmless if it is already forgotten. */
  public void release(String tenantId, Connection connection) {
    Set<Connection> tenant = byTenant.get(tenantId);
    if (tenant != null) {
      synchronized (tenant) {
        if (tenant.remove(connection)) {
          open.decrementAndGet();
          rounds.remove(connection);
        }
      }
    }
  }

  /** Open connections on this server, as the gauge {@code fileparser_live_connections} reads. */
  public int open() {
    return open.get();
  }

  /** One tick of the heartbeat: the next slice of the connections. */
  private void beat() {
    rounds.beatNext(OpenStreams::beatQuietly);
  }

  private static void beatQuietly(Connection connection) {
    try {
      connection.heartbeat();
    } catch (RuntimeException e) {
      LOG.log(Level.FINE, "heartbeat failed", e);
    }
  }

  private static void shutDownQuietly(Connection connection) {
    try {
      connection.shutDown();
    } catch (RuntimeException e) {
      LOG.log(Level.FINE, "closing a live connection at shutdown failed", e);
    }
  }
}
