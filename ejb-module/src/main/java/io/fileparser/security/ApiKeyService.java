package io.fileparser.security;

import io.fileparser.audit.AuditLog;
import io.fileparser.problem.InputLimits;
import io.fileparser.problem.ProblemException;
import io.fileparser.problem.ProblemType;
import io.fileparser.security.entity.ApiKey;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/** Creates, lists, revokes and checks API keys. Every change is audited in the same transaction. */
@Stateless
public class ApiKeyService {

  /**
   * Writing last-used on every request would turn each read into a write; once a minute is enough.
   */
  static final Duration LAST_USED_RESOLUTION = Duration.ofMinutes(1);

  @PersistenceContext EntityManager em;
  @Inject TenantRegistry tenants;
  @Inject AuditLog audit;
  @Inject KnownApiKeys known;
  @Inject ApiKeyUses uses;
  @Inject Event<ApiKeysChanged> changes;

  /**
   * Creates a key of the caller's tenant.
   *
   * @param expiresAt when the key stops working; null for never
   * @throws ProblemException {@code invalid_request} for an unknown role, an expiry not in the
   *     future or past the year 9999, or a name holding NUL, {@code role_not_grantable} for a role
   *     the caller may not hand out
   */
  public CreatedApiKey create(
      Caller caller, String name, Set<String> requestedRoles, Instant expiresAt) {
    InputLimits.text(name, "name");
    InputLimits.instant(expiresAt, "expiresAt");
    for (String role : requestedRoles) {
      if (!Role.isKnown(role)) {
        throw new ProblemException(
            ProblemType.INVALID_REQUEST, "unknown role '" + role + "'; known are " + Role.ALL);
      }
    }
    Set<String> roles =
        new TreeSet<>(requestedRoles.isEmpty() ? Set.of(Role.SERVICE) : requestedRoles);
    Set<String> grantable = Role.grantableBy(caller.roles());
    if (!grantable.containsAll(roles)) {
      throw new ProblemException(
          ProblemType.ROLE_NOT_GRANTABLE,
          "your roles allow granting only " + new TreeSet<>(grantable));
    }
    Instant now = now();
    Instant expiry = expiresAt == null ? null : expiresAt.truncatedTo(ChronoUnit.MICROS);
    if (expiry != null && !expiry.isAfter(now)) {
      throw new ProblemException(
          ProblemType.INVALID_REQUEST,
          "expiresAt must be in the future (it is " + expiry + ", now is " + now + ")");
    }
    tenants.ensure(caller.tenantId());
    ApiKeyCredential credential = ApiKeyCredential.generate();
    ApiKey key =
        new ApiKey(
            UUID.randomUUID(),
            caller.tenantId(),
            name,
            credential.prefix(),
            credential.secretHash(),
            roles,
            caller.subject(),
            now,
            expiry);
    em.persist(key);
    audit.record(
        caller.tenantId(),
        caller.subject(),
        "api_key.created",
        "api_key",
        key.getId().toString(),
        "name=" + name + " roles=" + roles + (expiry == null ? "" : " expiresAt=" + expiry));
    return new CreatedApiKey(ApiKeyView.from(key), credential.token());
  }

  public List<ApiKeyView> list(Caller caller) {
    return em.createNamedQuery(ApiKey.BY_TENANT, ApiKey.class)
        .setParameter("tenantId", caller.tenantId())
        .getResultStream()
        .map(ApiKeyView::from)
        .toList();
  }

  /**
   * Revokes a key of the caller's tenant. Revoking twice is harmless and audited once.
   *
   * @throws ProblemException {@code api_key_not_found} for another tenant's key, {@code forbidden}
   *     for a key holding a role the caller could not grant (an admin and an owner's key)
   */
  public ApiKeyView revoke(Caller caller, UUID id) {
    ApiKey key = em.find(ApiKey.class, id);
    if (key == null || !key.getTenantId().equals(caller.tenantId())) {
      throw new ProblemException(ProblemType.API_KEY_NOT_FOUND, "no API key " + id);
    }
    if (!Role.mayRevokeKeyWith(caller.roles(), key.getRoles())) {
      throw new ProblemException(
          ProblemType.FORBIDDEN,
          "this key holds "
              + new TreeSet<>(key.getRoles())
              + "; only a caller who could grant all of them (an owner) may revoke it");
    }
    if (!key.isRevoked()) {
      key.revoke(caller.subject(), now());
      changes.fire(new ApiKeysChanged(key.getKeyPrefix()));
      audit.record(
          caller.tenantId(),
          caller.subject(),
          "api_key.revoked",
          "api_key",
          id.toString(),
          "name=" + key.getName());
    }
    return ApiKeyView.from(key);
  }

  /**
   * The caller a presented key stands for, if the key exists, matches and is neither revoked nor
   * expired. Records the use at most once per {@link #LAST_USED_RESOLUTION}.
   */
  @TransactionAttribute(TransactionAttributeType.SUPPORTS)
  public Optional<Caller> authenticate(String presented) {
    return check(presented).accepted();
  }

  /**
   * Checks a presented key: the caller it stands for, or why not. The secret is compared before the
   * key's state is looked at, so a refusal says "revoked" or "expired" only to someone who holds
   * the key, and to anyone else only "wrong secret". Records the use at most once per {@link
   * #LAST_USED_RESOLUTION}.
   */
  @TransactionAttribute(TransactionAttributeType.SUPPORTS)
  public ApiKeyCheck check(String presented) {
    Optional<ApiKeyCredential> credential = ApiKeyCredential.parse(presented);
    if (credential.isEmpty()) {
      return ApiKeyCheck.refused(AuthFailureReason.API_KEY_MALFORMED, null, null);
    }
    String prefix = credential.get().prefix();
    KnownApiKeys.Reading reading = known.begin();
    Optional<KnownApiKeys.Known> key = known.recall(reading, prefix);
    if (key.isEmpty()) {
      key =
          em.createNamedQuery(ApiKey.BY_PREFIX, ApiKey.class)
              .setParameter("prefix", prefix)
              .getResultStream()
              .findFirst()
              .map(read -> known.remember(reading, read));
    }
    if (key.isEmpty()) {
      return ApiKeyCheck.refused(AuthFailureReason.API_KEY_UNKNOWN, prefix, null);
    }
    KnownApiKeys.Known found = key.get();
    Instant now = now();
    if (!credential.get().matches(found.secretHash())) {
      return ApiKeyCheck.refused(AuthFailureReason.API_KEY_WRONG_SECRET, prefix, found.tenantId());
    }
    if (found.isRevoked()) {
      return ApiKeyCheck.refused(AuthFailureReason.API_KEY_REVOKED, prefix, found.tenantId());
    }
    if (!found.isUsableAt(now)) {
      return ApiKeyCheck.refused(AuthFailureReason.API_KEY_EXPIRED, prefix, found.tenantId());
    }
    recordUse(found, now);
    return ApiKeyCheck.accepted(
        new Caller(
            found.tenantId(),
            "api-key:" + found.keyPrefix(),
            found.roles(),
            Caller.Method.API_KEY));
  }

  /**
   * Writes {@code now} as the key's last use unless a use within the resolution is known: the key
   * as read decides whether to try at all (a busy key costs no write, and of this instance's
   * concurrent requests one tries); the update's own condition decides among instances.
   *
   * @return whether this call wrote
   */
  boolean recordUse(KnownApiKeys.Known key, Instant now) {
    Instant seen = key.useRecorded().get();
    if (!isUseWorthRecording(seen, now) || !key.useRecorded().compareAndSet(seen, now)) {
      return false;
    }
    return uses.record(key.id(), now);
  }

  /**
   * Whether a use at {@code now} is written: the key was never used, or its last recorded use is
   * more than {@link #LAST_USED_RESOLUTION} old.
   */
  static boolean isUseWorthRecording(Instant lastUsedAt, Instant now) {
    return lastUsedAt == null || lastUsedAt.isBefore(now.minus(LAST_USED_RESOLUTION));
  }

  private static Instant now() {
    return Instant.now().truncatedTo(ChronoUnit.MICROS);
  }
}
