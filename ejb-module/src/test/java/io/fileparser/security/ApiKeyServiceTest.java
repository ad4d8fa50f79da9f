package io.fileparser.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fileparser.problem.ProblemException;
import io.fileparser.problem.ProblemType;
import io.fileparser.schema.ComponentDatabase;
import io.fileparser.schema.ComponentTest;
import io.fileparser.security.entity.ApiKey;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * API keys against PostgreSQL: expiry refuses a key like revocation, the last use is written at
 * most once a minute even when requests race, and only an owner revokes a key holding owner.
 */
@ComponentTest
class ApiKeyServiceTest {

  private final ComponentDatabase db;
  private final String tenant = "ct-" + UUID.randomUUID();
  private final Caller owner;
  private final Caller admin;

  ApiKeyServiceTest(ComponentDatabase db) {
    this.db = db;
    this.owner = new Caller(tenant, "user:olivia", Set.of(Role.OWNER), Caller.Method.JWT);
    this.admin = new Caller(tenant, "user:adam", Set.of(Role.ADMIN), Caller.Method.JWT);
  }

  @Test
  void keyWithExpiryWorksUntilItExpires() {
    Instant expiry = now().plus(Duration.ofDays(1));
    CreatedApiKey created = create(admin, Set.of(Role.SERVICE), expiry);

    assertEquals(expiry, created.key().expiresAt());
    assertTrue(authenticate(created.secret()).isPresent());
  }

  @Test
  void expiredKeyIsRefusedLikeARevokedOne() {
    String secret = create(admin, Set.of(Role.SERVICE), null).secret();
    UUID id = idOf(secret);
    db.inTransaction(
        em ->
            em.createNativeQuery(
                    "update api_keys set created_at = now() - interval '2 hours',"
                        + " expires_at = now() - interval '1 second' where id = ?1")
                .setParameter(1, id)
                .executeUpdate());

    assertEquals(Optional.empty(), authenticate(secret));
  }

  @Test
  void expiryInThePastIsRefusedAndNothingIsCreated() {
    ProblemException refused =
        assertThrows(
            ProblemException.class,
            () -> create(admin, Set.of(Role.SERVICE), now().minusSeconds(1)));

    assertEquals(ProblemType.INVALID_REQUEST, refused.type());
    assertEquals(0, keysOfTenant());
  }

  @Test
  void theFirstUseIsRecordedAndAUseWithinAMinuteIsNot() {
    String secret = create(admin, Set.of(Role.SERVICE), null).secret();
    assertNull(view(secret).lastUsedAt());

    assertTrue(authenticate(secret).isPresent());
    Instant first = view(secret).lastUsedAt();
    assertNotNull(first);
    assertTrue(authenticate(secret).isPresent());

    assertEquals(first, view(secret).lastUsedAt());
  }

  @Test
  void aUseMoreThanAMinuteAfterTheLastIsRecorded() {
    String secret = create(admin, Set.of(Role.SERVICE), null).secret();
    Instant longAgo = now().minus(Duration.ofMinutes(5));
    setLastUsed(idOf(secret), longAgo);

    assertTrue(authenticate(secret).isPresent());

    assertTrue(view(secret).lastUsedAt().isAfter(longAgo.plus(Duration.ofMinutes(4))));
  }

  /**
   * Two requests (or instances) both found the use worth recording: the row decides, so the later
   * one writes nothing.
   */
  @Test
  void ofTwoRequestsThatReadTheKeyBeforeEitherWroteOnlyOneWrites() {
    String secret = create(admin, Set.of(Role.SERVICE), null).secret();
    UUID id = idOf(secret);
    Instant now = now();

    boolean firstWrote = db.fromTransaction(em -> SecurityBeans.uses(em).record(id, now));
    boolean secondWrote =
        db.fromTransaction(em -> SecurityBeans.uses(em).record(id, now.plusMillis(5)));

    assertTrue(firstWrote);
    assertFalse(secondWrote);
    assertEquals(now, view(secret).lastUsedAt());
  }

  @Test
  void adminCannotRevokeAnOwnersKeyAndItKeepsWorking() {
    String secret = create(owner, Set.of(Role.OWNER), null).secret();

    ProblemException refused =
        assertThrows(
            ProblemException.class,
            () -> db.fromTransaction(em -> SecurityBeans.apiKeys(em).revoke(admin, idOf(secret))));

    assertEquals(ProblemType.FORBIDDEN, refused.type());
    assertNull(view(secret).revokedAt());
    assertTrue(authenticate(secret).isPresent());
  }

  @Test
  void ownerRevokesAnOwnersKey() {
    String secret = create(owner, Set.of(Role.OWNER), null).secret();

    ApiKeyView revoked =
        db.fromTransaction(em -> SecurityBeans.apiKeys(em).revoke(owner, idOf(secret)));

    assertNotNull(revoked.revokedAt());
    assertEquals(Optional.empty(), authenticate(secret));
  }

  @Test
  void adminRevokesAServiceKeyAnOwnerCreated() {
    String secret = create(owner, Set.of(Role.SERVICE), null).secret();

    db.inTransaction(em -> SecurityBeans.apiKeys(em).revoke(admin, idOf(secret)));

    assertEquals(Optional.empty(), authenticate(secret));
  }

  @Test
  void aKeyCheckedAgainIsAnsweredFromMemory() {
    String secret = create(admin, Set.of(Role.SERVICE), null).secret();
    KnownApiKeys instance = SecurityBeans.knownApiKeys();

    assertTrue(check(instance, secret).accepted().isPresent());
    assertTrue(check(instance, secret).accepted().isPresent());
    assertTrue(check(instance, secret).accepted().isPresent());

    assertEquals(1, instance.counted().misses());
    assertEquals(2, instance.counted().hits());
  }

  /**
   * Two instances both remember a key; it is revoked through one of them. The other refuses it on
   * its very next check: the revocation raised the keys' version in Redis once it committed.
   */
  @Test
  void aKeyRevokedThroughAnotherInstanceIsRefusedOnTheNextCheck() {
    String secret = create(admin, Set.of(Role.SERVICE), null).secret();
    KnownApiKeys first = SecurityBeans.knownApiKeys();
    KnownApiKeys second = SecurityBeans.knownApiKeys();
    assertTrue(check(first, secret).accepted().isPresent());
    assertTrue(check(second, secret).accepted().isPresent());
    assertTrue(check(second, secret).accepted().isPresent());
    assertEquals(1, second.counted().hits());

    db.inTransaction(em -> SecurityBeans.apiKeys(em, first).revoke(admin, idOf(secret)));

    assertEquals(AuthFailureReason.API_KEY_REVOKED, check(second, secret).refusal());
    assertEquals(AuthFailureReason.API_KEY_REVOKED, check(first, secret).refusal());
  }

  /** A key's secret is compared on every check, also when the key is answered from memory. */
  @Test
  void aWrongSecretIsRefusedAlsoForAKeyInMemory() {
    String secret = create(admin, Set.of(Role.SERVICE), null).secret();
    String prefix = ApiKeyCredential.parse(secret).orElseThrow().prefix();
    KnownApiKeys instance = SecurityBeans.knownApiKeys();
    assertTrue(check(instance, secret).accepted().isPresent());

    ApiKeyCheck wrong = check(instance, "fpk_" + prefix + "_" + "A".repeat(43));

    assertEquals(AuthFailureReason.API_KEY_WRONG_SECRET, wrong.refusal());
    assertEquals(1, instance.counted().hits());
  }

  /**
   * A refusal names the key's prefix and tenant for the audit trail, and says "revoked" or
   * "expired" only to whoever presented the key's own secret.
   */
  @Test
  void aRefusalSaysWhyOnlyAsFarAsThePresentedSecretEntitles() {
    String secret = create(admin, Set.of(Role.SERVICE), null).secret();
    String prefix = ApiKeyCredential.parse(secret).orElseThrow().prefix();
    String wrong = "fpk_" + prefix + "_" + "A".repeat(43);

    assertRefused(AuthFailureReason.API_KEY_MALFORMED, null, null, check("fpk_nonsense"));
    assertRefused(
        AuthFailureReason.API_KEY_UNKNOWN,
        "ZZZZZZZZZZZZ",
        null,
        check("fpk_ZZZZZZZZZZZZ_" + "A".repeat(43)));
    assertRefused(AuthFailureReason.API_KEY_WRONG_SECRET, prefix, tenant, check(wrong));

    db.inTransaction(em -> SecurityBeans.apiKeys(em).revoke(admin, idOf(secret)));

    assertRefused(AuthFailureReason.API_KEY_REVOKED, prefix, tenant, check(secret));
    assertRefused(AuthFailureReason.API_KEY_WRONG_SECRET, prefix, tenant, check(wrong));
  }

  @Test
  void theRightSecretOfAnExpiredKeyIsRefusedAsExpired() {
    String secret = create(admin, Set.of(Role.SERVICE), null).secret();
    db.inTransaction(
        em ->
            em.createNativeQuery(
                    "update api_keys set created_at = now() - interval '2 hours',"
                        + " expires_at = now() - interval '1 second' where id = ?1")
                .setParameter(1, idOf(secret))
                .executeUpdate());

    assertEquals(AuthFailureReason.API_KEY_EXPIRED, check(secret).refusal());
  }

  private ApiKeyCheck check(String presented) {
    return db.fromTransaction(em -> SecurityBeans.apiKeys(em).check(presented));
  }

  private ApiKeyCheck check(KnownApiKeys instance, String presented) {
    return db.fromTransaction(em -> SecurityBeans.apiKeys(em, instance).check(presented));
  }

  private static void assertRefused(
      AuthFailureReason reason, String prefix, String tenantId, ApiKeyCheck check) {
    assertEquals(Optional.empty(), check.accepted());
    assertEquals(reason, check.refusal());
    AuthFailure failure = check.failure("10.0.0.1");
    assertEquals(prefix, failure.keyPrefix());
    assertEquals(tenantId, failure.claimedTenant());
  }

  private CreatedApiKey create(Caller caller, Set<String> roles, Instant expiresAt) {
    return db.fromTransaction(
        em -> SecurityBeans.apiKeys(em).create(caller, "component", roles, expiresAt));
  }

  private Optional<Caller> authenticate(String secret) {
    return db.fromTransaction(em -> SecurityBeans.apiKeys(em).authenticate(secret));
  }

  private ApiKeyView view(String secret) {
    UUID id = idOf(secret);
    return db.fromTransaction(
        em ->
            SecurityBeans.apiKeys(em).list(owner).stream()
                .filter(k -> k.id().equals(id))
                .findFirst()
                .orElseThrow());
  }

  private UUID idOf(String secret) {
    String prefix = ApiKeyCredential.parse(secret).orElseThrow().prefix();
    return db.fromTransaction(
        em ->
            em.createNamedQuery(ApiKey.BY_PREFIX, ApiKey.class)
                .setParameter("prefix", prefix)
                .getSingleResult()
                .getId());
  }

  private void setLastUsed(UUID id, Instant at) {
    db.inTransaction(
        em ->
            em.createQuery("update ApiKey k set k.lastUsedAt = :at where k.id = :id")
                .setParameter("at", at)
                .setParameter("id", id)
                .executeUpdate());
  }

  private long keysOfTenant() {
    return db.fromTransaction(
        em ->
            em.createQuery("select count(k) from ApiKey k where k.tenantId = :t", Long.class)
                .setParameter("t", tenant)
                .getSingleResult());
  }

  private static Instant now() {
    return Instant.now().truncatedTo(ChronoUnit.MICROS);
  }
}
