package io.fileparser.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * tus concatenation at {@code /upload/stream}: partial uploads received side by side and a final
 * upload that joins them, in order, into one file for the upload pipeline.
 */
class ResumableConcatIT {

  /** A CSV of {@code rows} rows, unique per variant. */
  private static byte[] csv(String variant, int rows) {
    StringBuilder csv = new StringBuilder("invoice,customer,amount,date\n");
    for (int i = 0; i < rows; i++) {
      csv.append("INV-").append(i).append(',').append(variant).append(" Corp,");
      csv.append(i % 1000).append(".25,2026-01-").append(10 + i % 18).append('\n');
    }
    return csv.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** {@code bytes} cut into {@code n} pieces of about the same size. */
  private static List<byte[]> pieces(byte[] bytes, int n) {
    List<byte[]> pieces = new ArrayList<>();
    int size = (bytes.length + n - 1) / n;
    for (int from = 0; from < bytes.length; from += size) {
      pieces.add(Arrays.copyOfRange(bytes, from, Math.min(bytes.length, from + size)));
    }
    return pieces;
  }

  @Test
  void partialsUploadedSideBySideAreJoinedInOrderIntoOneJob() {
    String token = Tokens.of(Tenants.fresh(), "member");
    byte[] file = csv("joined", 20_000);
    List<byte[]> pieces = pieces(file, 3);
    List<URI> partials = new ArrayList<>();
    for (byte[] piece : pieces) {
      partials.add(Tus.partial(token, piece.length));
    }
    List<CompletableFuture<ApiResponse>> sent = new ArrayList<>();
    for (int i = 0; i < pieces.size(); i++) {
      URI partial = partials.get(i);
      byte[] piece = pieces.get(i);
      sent.add(CompletableFuture.supplyAsync(() -> Tus.patch(partial, token, 0, piece).send()));
    }
    for (CompletableFuture<ApiResponse> patch : sent) {
      ApiResponse response = patch.join();
      assertEquals(204, response.status(), response::toString);
      assertFalse(response.header("Upload-Job-Id").isPresent(), "a partial makes no job");
    }
    ApiResponse head = Tus.head(partials.get(1), token);
    assertEquals("partial", head.header("Upload-Concat").orElseThrow());
    assertEquals(
        Integer.toString(pieces.get(1).length), head.header("Upload-Offset").orElseThrow());

    ApiResponse created = Tus.createFinal(token, "joined.csv", partials.toArray(URI[]::new));
    URI upload = Tus.created(created);
    String jobId = created.header("Upload-Job-Id").orElseThrow();

    ApiResponse joined = Tus.head(upload, token);
    assertEquals(200, joined.status(), joined::toString);
    assertEquals(Integer.toString(file.length), joined.header("Upload-Offset").orElseThrow());
    assertEquals(Integer.toString(file.length), joined.header("Upload-Length").orElseThrow());
    String concat = joined.header("Upload-Concat").orElseThrow();
    assertTrue(concat.startsWith("final;"), concat);
    List<String> named = List.of(concat.substring("final;".length()).split(" "));
    assertEquals(partials.stream().map(URI::toString).toList(), named);

    JsonNode status = Tus.status(upload, token);
    assertEquals("completed", status.path("state").asText(), status::toString);
    assertEquals("final", status.path("concat").asText(), status::toString);
    assertEquals(3, status.path("partials").size(), status::toString);
    assertEquals(SampleFiles.sha256(file), status.path("sha256").asText());
    assertEquals(jobId, status.path("jobId").asText());
    JsonNode job = Jobs.status(token, jobId);
    assertEquals("joined.csv", job.path("filename").asText(), job::toString);
    assertEquals(SampleFiles.sha256(file), job.path("file").path("sha256").asText(), job::toString);
    assertEquals(file.length, job.path("file").path("size").asLong(), job::toString);
    assertEquals("CSV", job.path("file").path("format").asText(), job::toString);
  }

  @Test
  void aFinalUploadCreatedBeforeItsPartialsCompleteIsJoinedByTheLastChunk() {
    String token = Tokens.of(Tenants.fresh(), "member");
    byte[] file = csv("unfinished", 2_000);
    List<byte[]> pieces = pieces(file, 2);
    URI a = Tus.partial(token, pieces.get(0).length);
    URI b = Tus.partial(token, pieces.get(1).length);
    assertEquals(204, Tus.patch(a, token, 0, Arrays.copyOf(pieces.get(0), 100)).send().status());

    ApiResponse created = Tus.createFinal(token, "unfinished.csv", a, b);
    URI upload = Tus.created(created);
    assertFalse(created.header("Upload-Job-Id").isPresent(), created::toString);
    ApiResponse head = Tus.head(upload, token);
    assertEquals(200, head.status(), head::toString);
    assertFalse(head.header("Upload-Offset").isPresent(), "no offset before it is joined");
    assertEquals(Integer.toString(file.length), head.header("Upload-Length").orElseThrow());
    assertTrue(head.header("Upload-Concat").orElseThrow().startsWith("final;"));
    JsonNode waiting = Tus.status(upload, token);
    assertEquals("receiving", waiting.path("state").asText(), waiting::toString);
    assertEquals(100, waiting.path("bytesReceived").asLong(), waiting::toString);

    ApiResponse rest =
        Tus.patch(a, token, 100, Arrays.copyOfRange(pieces.get(0), 100, pieces.get(0).length))
            .send();
    assertEquals(204, rest.status(), rest::toString);
    assertEquals(204, Tus.patch(b, token, 0, pieces.get(1)).send().status());

    JsonNode status = Tus.status(upload, token);
    assertEquals("completed", status.path("state").asText(), status::toString);
    assertEquals(file.length, status.path("offset").asLong(), status::toString);
    assertEquals(SampleFiles.sha256(file), status.path("sha256").asText());
    JsonNode job = Jobs.status(token, status.path("jobId").asText());
    assertEquals(SampleFiles.sha256(file), job.path("file").path("sha256").asText(), job::toString);
  }

  @Test
  void aPatchToAFinalUploadIs403AndChangesNothing() {
    String token = Tokens.of(Tenants.fresh(), "member");
    URI a = Tus.partial(token, 10);
    URI upload = Tus.created(Tus.createFinal(token, "read-only.csv", a));
    Problems.assertProblem(
        Tus.patch(upload, token, 0, new byte[] {1}).send(), 403, "final_upload_read_only");
    assertFalse(Tus.head(upload, token).header("Upload-Offset").isPresent());
    assertEquals("0", Tus.head(a, token).header("Upload-Offset").orElseThrow());
  }

  @Test
  void theJoinedBytesAreScannedNotEachPartial() {
    String token = Tokens.of(Tenants.fresh(), "member");
    byte[] eicar = SampleFiles.eicar();
    URI a = Tus.partial(token, 30);
    URI b = Tus.partial(token, eicar.length - 30);
    assertEquals(204, Tus.patch(a, token, 0, Arrays.copyOf(eicar, 30)).send().status());
    assertEquals(
        204, Tus.patch(b, token, 0, Arrays.copyOfRange(eicar, 30, eicar.length)).send().status());
    ApiResponse refused = Tus.createFinal(token, "invoice.pdf", a, b);
    Problems.assertProblem(refused, 422, "malware_detected");
  }

  @Test
  void partialsOfAnotherTenantUnknownOrNotPartialAreRefused() {
    String token = Tokens.of(Tenants.fresh(), "member");
    URI strangers = Tus.partial(Tokens.of(Tenants.fresh(), "member"), 10);
    URI mine = Tus.partial(token, 10);
    Problems.assertProblem(
        Tus.createFinal(token, "theirs.csv", mine, strangers), 404, "upload_not_found");
    URI unknown = TestEnvironment.apiUri("/upload/stream/" + UUID.randomUUID());
    Problems.assertProblem(
        Tus.createFinal(token, "unknown.csv", mine, unknown), 404, "upload_not_found");
    URI whole =
        Tus.created(
            Tus.create(token)
                .header("Upload-Length", "10")
                .header("Upload-Metadata", Tus.metadata("whole.csv"))
                .send());
    Problems.assertProblem(
        Tus.createFinal(token, "whole.csv", mine, whole), 400, "invalid_request");
    Problems.assertProblem(Tus.createFinal(token, "twice.csv", mine, mine), 400, "invalid_request");
    Problems.assertProblem(
        Tus.createFinal(token, "job.csv", TestEnvironment.apiUri("/jobs/" + UUID.randomUUID())),
        400,
        "invalid_request");
    Problems.assertProblem(
        Tus.create(token)
            .header("Upload-Concat", "final;" + mine)
            .header("Upload-Length", "10")
            .header("Upload-Metadata", Tus.metadata("length.csv"))
            .send(),
        400,
        "invalid_request");
    // None of the refusals consumed the partial.
    Tus.created(Tus.createFinal(token, "mine.csv", mine));
  }

  @Test
  void aPartialIsConsumedByOneFinalUploadOnly() {
    String token = Tokens.of(Tenants.fresh(), "member");
    URI a = Tus.partial(token, 10);
    Tus.created(Tus.createFinal(token, "first.csv", a));
    Problems.assertProblem(Tus.createFinal(token, "second.csv", a), 409, "partial_upload_consumed");
  }

  @Test
  void anExpiredPartialCannotBeJoinedAndFailsItsFinalUpload() throws SQLException {
    String token = Tokens.of(Tenants.fresh(), "member");
    URI expired = Tus.partial(token, 10);
    expire(expired);
    Problems.assertProblem(Tus.createFinal(token, "late.csv", expired), 410, "upload_gone");

    URI a = Tus.partial(token, 10);
    URI b = Tus.partial(token, 10);
    URI upload = Tus.created(Tus.createFinal(token, "orphan.csv", a, b));
    assertEquals(
        Tus.status(a, token).path("expiresAt").asText(),
        Tus.status(upload, token).path("expiresAt").asText(),
        "a final upload expires with its partials");
    expire(b);
    JsonNode status = Tus.status(upload, token);
    assertEquals("failed", status.path("state").asText(), status::toString);
    assertEquals("upload_gone", status.path("failureCode").asText(), status::toString);
  }

  @Test
  void anotherTenantSeesNoFinalUpload() {
    String token = Tokens.of(Tenants.fresh(), "member");
    URI upload = Tus.created(Tus.createFinal(token, "private.csv", Tus.partial(token, 10)));
    String stranger = Tokens.of(Tenants.fresh(), "admin");
    assertEquals(404, Tus.head(upload, stranger).status());
    Problems.assertProblem(
        Api.call("GET", upload).bearer(stranger).send(), 404, "upload_not_found");
  }

  private static void expire(URI upload) throws SQLException {
    try (Connection db = Database.connect();
        PreparedStatement expire =
            db.prepareStatement(
                "update resumable_uploads set expires_at = now() - interval '1 minute'"
                    + " where id = ?")) {
      expire.setObject(1, Tus.id(upload));
      assertEquals(1, expire.executeUpdate());
    }
  }
}
