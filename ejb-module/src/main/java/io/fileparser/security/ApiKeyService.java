package io.fileparser.security;

import io.fileparser.audit.AuditLog;
import io.fileparser.problem.ProblemException;
import io.fileparser.problem.ProblemType;
import io.fileparser.security.entity.ApiKey;
import jakarta.ejb.Stateless;
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
  private static final Duration LAST_USED_RESOLUTION = Duration.ofMinutes(1);

  @PersistenceContext EntityManager em;
  @Inject TenantRegistry tenants;
  @Inject AuditLog audit;

  public CreatedApiKey create(Caller caller, String name, Set<String> requestedRoles) {
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
            now());
    em.persist(key);
    audit.record(
        caller.tenantId(),
        caller.subject(),
        "api_key.created",
        "api_key",
        key.getId().toString(),
        "name=" + name + " roles=" + roles);
    return new CreatedApiKey(ApiKeyView.from(key), credential.token());
  }

  public List<ApiKeyView> list(Caller caller) {
    return em.createNamedQuery(ApiKey.BY_TENANT, ApiKey.class)
        .setParameter("tenantId", caller.tenantId())
        .getResultStream()
        .map(ApiKeyView::from)
        .toList();
  }

  /** Revokes a key of the caller's tenant. Revoking twice is harmless and audited once. */
  public ApiKeyView revoke(Caller caller, UUID id) {
    ApiKey key = em.find(ApiKey.class, id);
    if (key == null || !key.getTenantId().equals(caller.tenantId())) {
      throw new ProblemException(ProblemType.API_KEY_NOT_FOUND, "no API key " + id);
    }
    if (!key.isRevoked()) {
      key.revoke(caller.subject(), now());
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

  /** The caller a presented key stands for, if the key exists, matches and is not revoked. */
  public Optional<Caller> authenticate(String presented) {
    Optional<ApiKeyCredential> credential = ApiKeyCredential.parse(presented);
    if (credential.isEmpty()) {
      return Optional.empty();
    }
    Optional<ApiKey> key =
        em.createNamedQuery(ApiKey.BY_PREFIX, ApiKey.class)
            .setParameter("prefix", credential.get().prefix())
            .getResultStream()
            .findFirst();
    if (key.isEmpty()
        || key.get().isRevoked()
        || !credential.get().matches(key.get().getSecretHash())) {
      return Optional.empty();
    }
    ApiKey found = key.get();
    Instant now = now();
    if (found.getLastUsedAt() == null
        || found.getLastUsedAt().isBefore(now.minus(LAST_USED_RESOLUTION))) {
      found.markUsed(now);
    }
    return Optional.of(
        new Caller(
            found.getTenantId(),
            "api-key:" + found.getKeyPrefix(),
            found.getRoles(),
            Caller.Method.API_KEY));
  }

  private static Instant now() {
    return Instant.now().truncatedTo(ChronoUnit.MICROS);
  }
}
