package io.fileparser.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Arrays;
import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * On the local store the chunks of a resumable upload are appended, encrypted, to one staging file
 * that becomes the stored file as it is: seen from the disk and from PostgreSQL (an upload no
 * larger than one part is staged whole instead). A part whose first sending was never recorded is
 * not sealed over it (that would reuse its chunks' nonces with other bytes): the recorded parts are
 * sealed again under a fresh nonce prefix.
 */
class ResumableLocalAppendIT {

  private static final int SIZE = 3 * 1024 * 1024 + 17;
  private static final int CHUNK = 1024 * 1024 + 5;
  private static final int SEALED_PART = 16 * (64 * 1024 + 16);

  @Test
  void chunksAreAppendedToOneStagingFileThatBecomesTheStoredFile() throws Exception {
    String tenant = Tenants.fresh();
    String token = Tokens.of(tenant, "member");
    LargeCsv csv = LargeCsv.of(tenant, SIZE, 0, null);
    URI upload = Tus.created(Tus.create(token, csv.bytes().length, "calls.csv").send());

    assertEquals(204, patch(upload, token, csv.bytes(), 0, CHUNK).status());
    Path staging = stagingFile(upload);
    byte[] header = header(staging);
    assertEquals(header.length + SEALED_PART, Files.size(staging), "one whole part appended");
    assertEquals(0, segments(upload), "no chunk staged as an object of its own");
    assertEquals(204, patch(upload, token, csv.bytes(), CHUNK, 2 * CHUNK).status());
    assertEquals(header.length + 2L * SEALED_PART, Files.size(staging));
    ApiResponse last = patch(upload, token, csv.bytes(), 2 * CHUNK, csv.bytes().length);

    assertEquals(204, last.status(), last::toString);
    String sha256 = SampleFiles.sha256(csv.bytes());
    Path stored = FileStore.storedFile(tenant, sha256);
    assertArrayEquals(header, header(stored), "the staging file itself, not a copy");
    assertFalse(Files.exists(staging), "moved into place");
    assertArrayEquals(csv.bytes(), AtRestEncryption.decrypt(Files.readAllBytes(stored)));
    assertEquals(
        sha256,
        Jobs.status(token, last.header("Upload-Job-Id").orElseThrow())
            .path("file")
            .path("sha256")
            .asText());
  }

  @Test
  void aPartSentAgainAfterAChunkFailedItsChecksumIsSealedUnderAFreshNoncePrefix() throws Exception {
    String tenant = Tenants.fresh();
    String token = Tokens.of(tenant, "member");
    LargeCsv csv = LargeCsv.of(tenant, SIZE, 0, null);
    URI upload = Tus.created(Tus.create(token, csv.bytes().length, "calls.csv").send());
    assertEquals(204, patch(upload, token, csv.bytes(), 0, CHUNK).status());
    Path staging = stagingFile(upload);
    byte[] before = header(staging);

    // The second chunk fills a second part, which is appended; then its checksum is wrong.
    ApiResponse refused =
        Tus.patch(upload, token, CHUNK, Arrays.copyOfRange(csv.bytes(), CHUNK, 2 * CHUNK))
            .header("Upload-Checksum", "sha1 " + Base64.getEncoder().encodeToString(new byte[20]))
            .send();
    assertEquals(460, refused.status(), refused::toString);
    assertEquals(before.length + 2L * SEALED_PART, Files.size(staging), "appended, not counted");
    assertEquals(
        Integer.toString(CHUNK), Tus.head(upload, token).header("Upload-Offset").orElseThrow());

    ApiResponse second = patch(upload, token, csv.bytes(), CHUNK, 2 * CHUNK);
    assertEquals(204, second.status(), second::toString);
    byte[] after = header(staging);
    assertEquals(before.length, after.length);
    assertFalse(Arrays.equals(before, after), "sealed again under a fresh nonce prefix");
    ApiResponse last = patch(upload, token, csv.bytes(), 2 * CHUNK, csv.bytes().length);

    assertEquals(204, last.status(), last::toString);
    String sha256 = SampleFiles.sha256(csv.bytes());
    assertEquals(sha256, Tus.status(upload, token).path("sha256").asText());
    assertArrayEquals(
        csv.bytes(),
        AtRestEncryption.decrypt(Files.readAllBytes(FileStore.storedFile(tenant, sha256))));
  }

  @Test
  void anUploadNoLargerThanAPartIsStagedWholeWithoutParts() throws Exception {
    String token = Tokens.of(Tenants.fresh(), "member");
    byte[] csv = SampleFiles.csv("small-tus");
    URI upload = Tus.created(Tus.create(token, csv.length, "small.csv").send());

    assertEquals(204, patch(upload, token, csv, 0, csv.length / 2).status());
    assertEquals(1, segments(upload), "its first chunk staged as an object of its own");
    assertEquals(0, multipartRows(upload), "no parted staging");
    ApiResponse last = patch(upload, token, csv, csv.length / 2, csv.length);

    assertEquals(204, last.status(), last::toString);
    assertEquals(SampleFiles.sha256(csv), Tus.status(upload, token).path("sha256").asText());
  }

  private static ApiResponse patch(URI upload, String token, byte[] bytes, int from, int to) {
    return Tus.patch(upload, token, from, Arrays.copyOfRange(bytes, from, to)).send();
  }

  /** The upload's staging file, named by its row in {@code resumable_multipart}. */
  private static Path stagingFile(URI upload) throws Exception {
    try (Connection db = Database.connect();
        PreparedStatement query =
            db.prepareStatement("select staged_key from resumable_multipart where upload_id = ?")) {
      query.setObject(1, uploadId(upload));
      try (ResultSet row = query.executeQuery()) {
        assertTrue(row.next(), "the upload has a staging file");
        Path file = FileStore.root().resolve("staging").resolve(row.getString(1));
        assertTrue(Files.isRegularFile(file), file::toString);
        return file;
      }
    }
  }

  private static long segments(URI upload) throws Exception {
    return count("resumable_segments", upload);
  }

  private static long multipartRows(URI upload) throws Exception {
    return count("resumable_multipart", upload);
  }

  private static long count(String table, URI upload) throws Exception {
    try (Connection db = Database.connect();
        PreparedStatement query =
            db.prepareStatement("select count(*) from " + table + " where upload_id = ?")) {
      query.setObject(1, uploadId(upload));
      try (ResultSet row = query.executeQuery()) {
        row.next();
        return row.getLong(1);
      }
    }
  }

  /** The file's encryption header: magic, version, key id, nonce prefix, chunk size. */
  private static byte[] header(Path file) throws Exception {
    byte[] head;
    try (var in = Files.newInputStream(file)) {
      head = in.readNBytes(300);
    }
    return Arrays.copyOf(head, 6 + head[5] + 8 + 4);
  }

  private static UUID uploadId(URI upload) {
    String path = upload.getPath();
    return UUID.fromString(path.substring(path.lastIndexOf('/') + 1));
  }
}
