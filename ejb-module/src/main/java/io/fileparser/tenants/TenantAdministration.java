package io.fileparser.tenants;

import io.fileparser.audit.AuditLog;
import io.fileparser.dispatch.DispatchResumed;
import io.fileparser.dispatch.JobsInFlightLimits;
import io.fileparser.jobs.PageLimit;
import io.fileparser.problem.ProblemException;
import io.fileparser.problem.ProblemType;
import io.fileparser.ratelimit.RatePolicies;
import io.fileparser.security.TenantChanged;
import io.fileparser.security.TenantProfile;
import io.fileparser.security.entity.Tenant;
import io.fileparser.tenancy.TenantId;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The platform operator's reads and changes of tenants. A change is made under the tenant row's
 * lock, audited in the same transaction with the values before and after ({@code tenant.created},
 * {@code tenant.changed}), and announced once it commits ({@link TenantChanged}), so every instance
 * applies it from the next request; a change of an enabled tenant (enabled again, another tier or
 * limit of jobs in flight) kicks the dispatch relay, which may have held its work back.
 */
@Stateless
public class TenantAdministration {

  static final int DEFAULT_PAGE = 50;
  static final int MAX_PAGE = 200;

  @PersistenceContext EntityManager em;
  @Inject AuditLog audit;
  @Inject RatePolicies policies;
  @Inject JobsInFlightLimits jobsInFlight;
  @Inject Event<TenantChanged> changed;
  @Inject Event<DispatchResumed> resumed;

  /** Tenants in id order, a page at a time. */
  @TransactionAttribute(TransactionAttributeType.SUPPORTS)
  public TenantPage list(String limitText, String cursor) {
    int limit = limitText == null ? DEFAULT_PAGE : PageLimit.parse(limitText, MAX_PAGE);
    String after = cursor == null ? null : TenantCursor.decode(cursor);
    List<Tenant> rows =
        (after == null
                ? em.createQuery("select t from Tenant t order by t.id", Tenant.class)
                : em.createQuery(
                        "select t from Tenant t where t.id > :after order by t.id", Tenant.class)
                    .setParameter("after", after))
            .setMaxResults(limit + 1)
            .getResultList();
    boolean more = rows.size() > limit;
    List<Tenant> page = more ? rows.subList(0, limit) : rows;
    return new TenantPage(
        page.stream().map(this::view).toList(),
        more ? TenantCursor.encode(page.get(page.size() - 1).getId()) : null);
  }

  /**
   * @throws ProblemException {@code tenant_not_found}
   */
  @TransactionAttribute(TransactionAttributeType.SUPPORTS)
  public TenantView get(String tenantId) {
    return view(find(tenantId, LockModeType.NONE));
  }

  /**
   * Registers a tenant with the given settings (the defaults for those not given).
   *
   * @throws ProblemException {@code tenant_exists} when the id is taken (a tenant is also
   *     registered by its first upload), {@code invalid_tenant_setting} for a bad id or value
   */
  public TenantView create(String actor, Map<String, ?> body) {
    TenantSettings settings = TenantSettings.parse(body, Set.of("id"));
    if (!(body.get("id") instanceof String id) || !TenantId.isValid(id)) {
      throw new ProblemException(
          ProblemType.INVALID_TENANT_SETTING,
          "id: 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit",
          Map.of("field", "id"));
    }
    int inserted =
        em.createNativeQuery(
                "insert into tenants (id, tier, created_at) values (?1, ?2, ?3)"
                    + " on conflict (id) do nothing")
            .setParameter(1, id)
            .setParameter(2, TenantProfile.DEFAULT_TIER)
            .setParameter(3, Instant.now().truncatedTo(ChronoUnit.MICROS))
            .executeUpdate();
    if (inserted == 0) {
      throw new ProblemException(
          ProblemType.TENANT_EXISTS, "a tenant with this id exists", Map.of("tenantId", id));
    }
    Tenant tenant = find(id, LockModeType.PESSIMISTIC_WRITE);
    apply(tenant, settings);
    audit.record(id, actor, "tenant.created", "tenant", id, "{\"after\":" + state(tenant) + "}");
    changed.fire(new TenantChanged(id));
    return view(tenant);
  }

  /**
   * Changes what {@code body} names (a merge patch); a change that changes nothing is not audited.
   *
   * @throws ProblemException {@code tenant_not_found}, {@code invalid_tenant_setting}
   */
  public TenantView change(String actor, String tenantId, Map<String, ?> body) {
    TenantSettings settings = TenantSettings.parse(body, Set.of());
    Tenant tenant = find(tenantId, LockModeType.PESSIMISTIC_WRITE);
    String before = state(tenant);
    apply(tenant, settings);
    String after = state(tenant);
    if (!after.equals(before)) {
      tenant.setUpdatedAt(Instant.now().truncatedTo(ChronoUnit.MICROS));
      audit.record(
          tenantId,
          actor,
          "tenant.changed",
          "tenant",
          tenantId,
          "{\"before\":" + before + ",\"after\":" + after + "}");
      changed.fire(new TenantChanged(tenantId));
      if (tenant.isEnabled()) {
        // held-back work may be due now: enabled again, or a higher limit of jobs in flight
        resumed.fire(new DispatchResumed(tenantId));
      }
    }
    return view(tenant);
  }

  private static void apply(Tenant tenant, TenantSettings settings) {
    if (settings.tier() != null) {
      tenant.setTier(settings.tier());
    }
    if (settings.enabled() != null) {
      tenant.setEnabled(settings.enabled());
    }
    if (settings.scanPolicy() != null) {
      tenant.setScanPolicy(settings.scanPolicy());
    }
    if (settings.allowPdfActiveContent() != null) {
      tenant.setAllowPdfActiveContent(settings.allowPdfActiveContent());
    }
    if (settings.concurrentUploadsGiven()) {
      tenant.setMaxConcurrentUploads(settings.concurrentUploads());
    }
    if (settings.jobsInFlightGiven()) {
      tenant.setMaxJobsInFlight(settings.jobsInFlight());
    }
  }

  /** The audited settings as a JSON object; every value is a fixed word, a number or a flag. */
  static String state(Tenant tenant) {
    return "{\"tier\":\""
        + tenant.getTier().replace("\\", "\\\\").replace("\"", "\\\"")
        + "\",\"enabled\":"
        + tenant.isEnabled()
        + ",\"scanPolicy\":\""
        + tenant.getScanPolicy().storedName()
        + "\",\"allowPdfActiveContent\":"
        + tenant.isAllowPdfActiveContent()
        + ",\"limits\":{\"concurrentUploads\":"
        + tenant.getMaxConcurrentUploads()
        + ",\"jobsInFlight\":"
        + tenant.getMaxJobsInFlight()
        + "}}";
  }

  private Tenant find(String tenantId, LockModeType lock) {
    Tenant tenant = TenantId.isValid(tenantId) ? em.find(Tenant.class, tenantId, lock) : null;
    if (tenant == null) {
      throw new ProblemException(ProblemType.TENANT_NOT_FOUND, "no tenant with this id");
    }
    return tenant;
  }

  private TenantView view(Tenant tenant) {
    return TenantView.of(
        tenant,
        policies.concurrentUploads(tenant.getTier()),
        jobsInFlight.ofTier(tenant.getTier()));
  }

  /** The list's cursor: the last id of a page, opaque to clients. */
  static final class TenantCursor {

    private TenantCursor() {}

    static String encode(String lastId) {
      return Base64.getUrlEncoder()
          .withoutPadding()
          .encodeToString(("t:" + lastId).getBytes(StandardCharsets.UTF_8));
    }

    static String decode(String cursor) {
      try {
        String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        if (text.startsWith("t:") && TenantId.isValid(text.substring(2))) {
          return text.substring(2);
        }
      } catch (IllegalArgumentException e) {
        // not base64: refused below
      }
      throw new ProblemException(
          ProblemType.INVALID_CURSOR, "cursor is not the next of an earlier tenant page");
    }
  }
}
