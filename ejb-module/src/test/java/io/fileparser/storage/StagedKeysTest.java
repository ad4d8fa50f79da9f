package io.fileparser.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fileparser.schema.ComponentDatabase;
import io.fileparser.schema.ComponentTest;
import jakarta.persistence.EntityManager;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The staging the database names, against PostgreSQL and an encrypted local store: the cleanup of
 * abandoned staging keeps a file waiting for the scanner, a resumable upload's chunks and its
 * parted staging however old they are, and removes what nothing names.
 */
@ComponentTest
class StagedKeysTest {

  private static final SecureRandom RANDOM = new SecureRandom();

  private final ComponentDatabase db;
  private final LocalFileStore store;
  private final String tenant = "ct-" + UUID.randomUUID();

  StagedKeysTest(ComponentDatabase db, @TempDir Path root) {
    this.db = db;
    byte[] key = new byte[32];
    RANDOM.nextBytes(key);
    this.store = new LocalFileStore(root, new KeyRing(Map.of("k1", key), "k1"));
    db.inTransaction(
        em ->
            em.createNativeQuery("insert into tenants (id) values (?1)")
                .setParameter(1, tenant)
                .executeUpdate());
  }

  @Test
  void theCleanupKeepsWhatTheDatabaseNamesAndRemovesTheRestHoweverOld() throws Exception {
    StagedObject awaitingScan = staged();
    StagedObject chunk = staged();
    StagedObject parted = staged();
    StagedObject abandoned = staged();
    db.inTransaction(
        em -> {
          fileAwaitingScan(em, awaitingScan.key());
          UUID upload = resumableUpload(em);
          em.createNativeQuery(
                  "insert into resumable_segments (id, upload_id, start_offset, size, staged_key)"
                      + " values (?1, ?2, 0, 3, ?3)")
              .setParameter(1, UUID.randomUUID())
              .setParameter(2, upload)
              .setParameter(3, chunk.key())
              .executeUpdate();
          em.createNativeQuery(
                  "insert into resumable_multipart (upload_id, staged_key, multipart_id,"
                      + " assembled, buffer_size, created_at) values (?1, ?2, 'local', false, 0,"
                      + " now())")
              .setParameter(1, resumableUpload(em))
              .setParameter(2, parted.key())
              .executeUpdate();
        });
    for (StagedObject staged : List.of(awaitingScan, chunk, parted, abandoned)) {
      age(staged);
    }

    int removed = db.fromTransaction(em -> remove(em));

    assertEquals(1, removed);
    assertFalse(Files.exists(store.stagingPath(abandoned.key())));
    for (StagedObject kept : List.of(awaitingScan, chunk, parted)) {
      assertTrue(Files.exists(store.stagingPath(kept.key())), kept.key());
    }
  }

  @Test
  void keysAreAskedInBatchesAndOnlyTheNamedOnesAreAnswered() {
    List<String> keys = new ArrayList<>();
    IntStream.range(0, StagingReferences.BATCH + 7)
        .forEach(i -> keys.add(UUID.randomUUID() + ".part"));
    String named = keys.get(StagingReferences.BATCH + 3);
    db.inTransaction(em -> fileAwaitingScan(em, named));
    List<Integer> asked = new ArrayList<>();

    List<String> unnamed =
        db.fromTransaction(
            em -> {
              StagedKeys stagedKeys = stagedKeys(em);
              StagingReferences counting =
                  batch -> {
                    asked.add(batch.size());
                    return stagedKeys.named(batch);
                  };
              return counting.unnamed(keys, key -> key);
            });

    assertEquals(List.of(StagingReferences.BATCH, 7), asked);
    assertEquals(keys.size() - 1, unnamed.size());
    assertFalse(unnamed.contains(named));
    assertEquals(Set.of(), db.fromTransaction(em -> stagedKeys(em).named(List.of())));
  }

  private int remove(EntityManager em) {
    try {
      return store.removeAbandonedStaging(Duration.ofHours(24), stagedKeys(em)::named);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static StagedKeys stagedKeys(EntityManager em) {
    StagedKeys stagedKeys = new StagedKeys();
    stagedKeys.em = em;
    return stagedKeys;
  }

  private StagedObject staged() throws java.io.IOException {
    byte[] bytes = new byte[3];
    RANDOM.nextBytes(bytes);
    return store.stage(new ByteArrayInputStream(bytes));
  }

  private void age(StagedObject staged) throws java.io.IOException {
    Files.setLastModifiedTime(
        store.stagingPath(staged.key()), FileTime.from(Instant.now().minus(Duration.ofHours(25))));
  }

  private void fileAwaitingScan(EntityManager em, String stagingKey) {
    byte[] sha256 = new byte[32];
    RANDOM.nextBytes(sha256);
    em.createNativeQuery(
            "insert into stored_files (id, tenant_id, sha256, size_bytes, mime_type, format,"
                + " storage_uri, original_filename, created_at, scan_status, staging_key)"
                + " values (?1, ?2, ?3, 3, 'text/csv', 'CSV', 'file:///pending', 'calls.csv',"
                + " now(), 'PENDING', ?4)")
        .setParameter(1, UUID.randomUUID())
        .setParameter(2, tenant)
        .setParameter(3, HexFormat.of().formatHex(sha256))
        .setParameter(4, stagingKey)
        .executeUpdate();
  }

  private UUID resumableUpload(EntityManager em) {
    UUID id = UUID.randomUUID();
    em.createNativeQuery(
            "insert into resumable_uploads (id, tenant_id, owner, upload_offset, priority, state,"
                + " bytes_per_second, created_at, updated_at, expires_at)"
                + " values (?1, ?2, 'user:alice', 3, 5, 'receiving', 0, now(), now(),"
                + " now() + interval '2 days')")
        .setParameter(1, id)
        .setParameter(2, tenant)
        .executeUpdate();
    return id;
  }
}
