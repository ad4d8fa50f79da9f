package io.fileparser.events.boundary;

import io.fileparser.events.EventReplay;
import io.fileparser.events.LiveEvents;
import io.fileparser.jobs.JobService;
import io.fileparser.notifications.LiveNotifications;
import io.fileparser.security.TenantProfiles;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * What every WebSocket session of {@link EventsEndpoint} uses, injected once for the application.
 * The endpoint is instantiated per session, and each of its injection points costs each session a
 * creational context and injection point metadata (with a {@code @ConfigProperty}, a dependent
 * {@code InjectionPoint} as well): about 3 KiB a session over eight fields. The endpoint injects
 * this one bean instead (a shared client proxy).
 */
@ApplicationScoped
public class WebSocketServices {

  @Inject LiveEvents live;
  @Inject LiveNotifications notifications;
  @Inject EventReplay replay;
  @Inject JobService jobs;
  @Inject OpenStreams streams;
  @Inject TenantProfiles profiles;

  @Inject
  @ConfigProperty(name = "fileparser.security.tenant-claim", defaultValue = "tenant_id")
  String tenantClaim;

  @Inject
  @ConfigProperty(name = "fileparser.websocket.idle-timeout-s", defaultValue = "60")
  int idleTimeoutSeconds;

  @Inject
  @ConfigProperty(name = "fileparser.websocket.max-jobs-per-connection", defaultValue = "1000")
  int maxJobs;

  /** Events a client may be behind (unread) before it is cut off as too slow. */
  @Inject
  @ConfigProperty(name = "fileparser.events.queue-limit", defaultValue = "1000")
  int queueLimit;

  public LiveEvents live() {
    return live;
  }

  public LiveNotifications notifications() {
    return notifications;
  }

  public EventReplay replay() {
    return replay;
  }

  public JobService jobs() {
    return jobs;
  }

  public TenantProfiles profiles() {
    return profiles;
  }

  public OpenStreams streams() {
    return streams;
  }

  public String tenantClaim() {
    return tenantClaim;
  }

  public int idleTimeoutSeconds() {
    return idleTimeoutSeconds;
  }

  public int maxJobs() {
    return maxJobs;
  }

  public int queueLimit() {
    return queueLimit;
  }
}
