package io.fileparser.upload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fileparser.files.entity.FileFormat;
import io.fileparser.files.entity.ScanStatus;
import io.fileparser.schema.ComponentDatabase;
import io.fileparser.schema.ComponentTest;
import io.fileparser.security.Caller;
import io.fileparser.security.Role;
import io.fileparser.storage.KeyRing;
import io.fileparser.storage.LocalFileStore;
import io.fileparser.storage.StagedObject;
import io.fileparser.upload.detection.Detection;
import jakarta.persistence.EntityManager;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
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
 * The orphan sweep against PostgreSQL and an encrypted local store: objects a file row points at
 * stay, promoted bytes that never got their row go once they are older than the grace period, and a
 * promotion of the same bytes during the sweep keeps them.
 */
@ComponentTest
class OrphanedObjectsTest {

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Instant LONG_AGO = Instant.now().minus(Duration.ofDays(3));
  private static final Instant CUTOFF = Instant.now().minus(Duration.ofDays(1));

  private final ComponentDatabase db;
  private final Caller caller;
  private final LocalFileStore store;

  OrphanedObjectsTest(ComponentDatabase db, @TempDir Path sandbox) {
    this.db = db;
    this.caller =
        new Caller("ct-" + UUID.randomUUID(), "user:alice", Set.of(Role.MEMBER), Caller.Method.JWT);
    this.store = new LocalFileStore(sandbox, new KeyRing(Map.of("k1", randomBytes(32)), "k1"));
  }

  @Test
  void anOldObjectWithoutAFileRowIsRemovedAndARegisteredOneKept() throws Exception {
    byte[] registeredBytes = randomBytes();
    URI registered = promote(registeredBytes);
    register(registeredBytes, registered);
    URI orphan = promote(randomBytes());
    age(registered);
    age(orphan);

    int removed = sweep();

    assertEquals(1, removed);
    assertFalse(store.exists(orphan));
    assertTrue(store.exists(registered));
  }

  @Test
  void aYoungOrphanWaitsForTheGracePeriod() throws Exception {
    URI fresh = promote(randomBytes());

    assertEquals(0, sweep());
    assertTrue(store.exists(fresh));
  }

  @Test
  void aQuarantinedObjectWithoutARowIsAnOrphanToo() throws Exception {
    byte[] bytes = randomBytes();
    URI quarantined = store.quarantine(stage(bytes), caller.tenantId(), sha256(bytes));
    age(quarantined);

    assertEquals(1, sweep());
    assertFalse(store.exists(quarantined));
  }

  @Test
  void thePromotionOfTheSameBytesKeepsAnOldObjectWhoseRegistrationIsUnderWay() throws Exception {
    byte[] bytes = randomBytes();
    URI old = promote(bytes);
    age(old);

    URI again = promote(bytes); // a new upload of the same bytes, not registered yet

    assertEquals(old, again);
    assertEquals(0, sweep());
    assertTrue(store.exists(old));
  }

  @Test
  void anotherTenantsRowForTheSameHashDoesNotKeepAnOrphan() throws Exception {
    byte[] bytes = randomBytes();
    URI mine = promote(bytes);
    URI theirs = store.promote(stage(bytes), "ct-other-" + UUID.randomUUID(), sha256(bytes));
    register(bytes, mine);
    age(mine);
    age(theirs);

    assertEquals(1, sweep());
    assertTrue(store.exists(mine));
    assertFalse(store.exists(theirs));
  }

  private int sweep() {
    return db.fromTransaction(
        em -> {
          OrphanedObjects sweeper = new OrphanedObjects();
          sweeper.store = store;
          sweeper.registrar = registrar(em);
          try {
            return sweeper.sweep(CUTOFF);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
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
        em ->
            registrar(em)
                .register(
                    caller,
                    file,
                    uri,
                    new UploadOptions(5, null, null),
                    null,
                    "fp-" + UUID.randomUUID()));
  }

  private UploadRegistrar registrar(EntityManager em) {
    return UploadBeans.registrar(em, caller.tenantId());
  }

  private URI promote(byte[] bytes) throws IOException {
    return store.promote(stage(bytes), caller.tenantId(), sha256(bytes));
  }

  private StagedObject stage(byte[] bytes) throws IOException {
    return store.stage(new ByteArrayInputStream(bytes));
  }

  private static void age(URI uri) throws IOException {
    Files.setLastModifiedTime(Path.of(uri), FileTime.from(LONG_AGO));
  }

  private static byte[] randomBytes() {
    return randomBytes(64);
  }

  private static byte[] randomBytes(int size) {
    byte[] bytes = new byte[size];
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
