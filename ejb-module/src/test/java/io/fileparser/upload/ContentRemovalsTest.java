package io.fileparser.upload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fileparser.files.entity.FileFormat;
import io.fileparser.files.entity.ScanStatus;
import io.fileparser.problem.ProblemException;
import io.fileparser.schema.ComponentDatabase;
import io.fileparser.schema.ComponentTest;
import io.fileparser.security.Caller;
import io.fileparser.security.Role;
import io.fileparser.storage.KeyRing;
import io.fileparser.storage.LocalFileStore;
import io.fileparser.storage.StagedObject;
import io.fileparser.storage.StorageBeans;
import io.fileparser.upload.detection.Detection;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Removing a deleted job's bytes against PostgreSQL and an encrypted local store, and the upload of
 * the same bytes around it: bytes no row holds go, bytes registered or promoted again stay, and a
 * registration whose bytes were taken after its promotion is refused instead of pointing at
 * nothing.
 */
@ComponentTest
class ContentRemovalsTest {

  private static final SecureRandom RANDOM = new SecureRandom();

  private final ComponentDatabase db;
  private final Caller caller;
  private final LocalFileStore store;

  ContentRemovalsTest(ComponentDatabase db, @TempDir Path sandbox) {
    this.db = db;
    this.caller =
        new Caller("ct-" + UUID.randomUUID(), "user:alice", Set.of(Role.MEMBER), Caller.Method.JWT);
    byte[] key = new byte[32];
    RANDOM.nextBytes(key);
    this.store = new LocalFileStore(sandbox, new KeyRing(Map.of("k1", key), "k1"));
  }

  @Test
  void bytesNoRowHoldsAreRemoved() throws Exception {
    byte[] bytes = randomBytes();
    URI uri = promote(bytes);
    age(uri);
    schedule(bytes, uri, Instant.now());

    assertEquals(1, removeDue());

    assertFalse(store.exists(uri));
  }

  @Test
  void bytesRegisteredAgainStay() throws Exception {
    byte[] bytes = randomBytes();
    URI uri = promote(bytes);
    age(uri);
    schedule(bytes, uri, Instant.now());
    register(bytes, uri); // cancels the pending removal

    removeDue();

    assertTrue(store.exists(uri));
  }

  @Test
  void bytesPromotedAgainAfterTheRemovalWasAskedForStay() throws Exception {
    byte[] bytes = randomBytes();
    URI uri = promote(bytes);
    age(uri);
    schedule(bytes, uri, Instant.now().minus(Duration.ofMinutes(1)));
    promote(bytes); // an upload of the same bytes, not registered yet

    assertEquals(1, removeDue());

    assertTrue(store.exists(uri));
  }

  @Test
  void aRegistrationWhoseBytesWereTakenAfterItsPromotionIsRefused() throws Exception {
    byte[] bytes = randomBytes();
    URI uri = promote(bytes);
    age(uri);
    schedule(bytes, uri, Instant.now());
    removeDue();

    ProblemException refused = assertThrows(ProblemException.class, () -> register(bytes, uri));

    assertEquals("storage_unavailable", refused.type().code());
    assertEquals(
        0L,
        (long)
            db.fromTransaction(
                em ->
                    ((Number)
                            em.createNativeQuery(
                                    "select count(*) from stored_files where tenant_id = ?1")
                                .setParameter(1, caller.tenantId())
                                .getSingleResult())
                        .longValue()));
  }

  private void schedule(byte[] bytes, URI uri, Instant at) {
    db.inTransaction(
        em ->
            em.createNativeQuery(
                    "insert into object_removals (id, tenant_id, sha256, uri, requested_at)"
                        + " values (?1, ?2, ?3, ?4, ?5)")
                .setParameter(1, UUID.randomUUID())
                .setParameter(2, caller.tenantId())
                .setParameter(3, sha256(bytes))
                .setParameter(4, uri.toString())
                .setParameter(5, at)
                .executeUpdate());
  }

  private int removeDue() {
    return db.fromTransaction(em -> StorageBeans.removals(em, store).removeDue(100));
  }

  private void register(byte[] bytes, URI uri) {
    ReceivedFile file =
        new ReceivedFile(
            new StagedObject(UUID.randomUUID() + ".part", bytes.length),
            "calls.csv",
            sha256(bytes),
            bytes.length,
            new Detection("text/csv", FileFormat.CSV, null),
            Instant.now(),
            Instant.now(),
            false,
            "{\"rows\":3}",
            ScanStatus.CLEAN,
            null,
            Instant.now(),
            null);
    db.inTransaction(
        em -> {
          UploadRegistrar registrar = UploadBeans.registrar(em, caller.tenantId());
          registrar.removals = StorageBeans.removals(em, store);
          registrar.register(
              caller, file, uri, new UploadOptions(5, null, null), null, "fp-" + UUID.randomUUID());
        });
  }

  private URI promote(byte[] bytes) throws IOException {
    StagedObject staged = store.stage(new ByteArrayInputStream(bytes));
    return store.promote(staged, caller.tenantId(), sha256(bytes));
  }

  private static void age(URI uri) throws IOException {
    Files.setLastModifiedTime(Path.of(uri), FileTime.from(Instant.now().minus(Duration.ofDays(1))));
  }

  private static byte[] randomBytes() {
    byte[] bytes = new byte[64];
    RANDOM.nextBytes(bytes);
    return bytes;
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
