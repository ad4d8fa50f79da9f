package io.fileparser.queue;

import io.fileparser.dispatch.DispatchPause;
import io.fileparser.dispatch.DispatchPauses;
import io.fileparser.security.TenantRegistry;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Pause and resume of dispatch on behalf of a queue's administrator: a tenant's admin or owner for
 * their tenant, the operator for any tenant or globally ({@link QueueScope#pauseTarget}). The
 * change itself, its audit record and the relay's kick on resume are {@link DispatchPauses}'.
 */
@Stateless
public class DispatchControl {

  /**
   * What a pause or resume did: {@code changed} false when it was so already; the pauses in force
   * afterwards that concern {@code tenantId} (every pause for a global change).
   */
  @Schema(name = "DispatchChange")
  public record Change(
      String scope, String tenantId, boolean paused, boolean changed, List<DispatchPause> pauses) {}

  @Inject DispatchPauses pauses;
  @Inject TenantRegistry tenants;

  /**
   * @param scope {@code tenant} or {@code global}
   * @param requestedTenant the tenant to pause (the operator's way to name one)
   */
  public Change pause(QueueScope who, String scope, String requestedTenant) {
    String tenant = who.pauseTarget(scope, requestedTenant);
    if (!who.isPlatform()) {
      tenants.ensure(tenant); // a tenant's admin may pause before the tenant's first upload
    }
    boolean changed = pauses.pause(tenant, who.actor());
    return new Change(scope, tenant, true, changed, pauses.inForce(tenant));
  }

  /** Resumes what {@link #pause} paused; a tenant's pause and the global one are separate. */
  public Change resume(QueueScope who, String scope, String requestedTenant) {
    String tenant = who.pauseTarget(scope, requestedTenant);
    boolean changed = pauses.resume(tenant, who.actor());
    return new Change(scope, tenant, false, changed, pauses.inForce(tenant));
  }
}
