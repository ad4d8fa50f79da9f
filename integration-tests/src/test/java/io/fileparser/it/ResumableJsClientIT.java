package io.fileparser.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The unmodified tus-js-client (npm, the version pinned in tools/tus-js/package-lock.json) run by
 * Node against {@code /upload/stream}: a large upload interrupted and resumed from its URL, and a
 * file sent as partial uploads side by side and joined (tus concatenation).
 */
class ResumableJsClientIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long SIZE = 100L * 1024 * 1024;

  private record File(Path path, String sha256, long size) {}

  /** A CSV of about {@code size} bytes, unique per variant, and its SHA-256. */
  private static File csv(String variant, long size) throws Exception {
    Path path = Path.of("target", "tus-js", variant + ".csv").toAbsolutePath();
    Files.createDirectories(path.getParent());
    MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
    long written = 0;
    try (OutputStream out =
        new DigestOutputStream(
            new BufferedOutputStream(Files.newOutputStream(path), 1 << 16), sha256)) {
      byte[] header = "invoice,customer,amount,date\n".getBytes(StandardCharsets.UTF_8);
      out.write(header);
      written += header.length;
      for (int i = 0; written < size; i++) {
        byte[] row =
            ("INV-"
                    + i
                    + ","
                    + variant
                    + " Corp,"
                    + (i % 1000)
                    + ".25,2026-01-"
                    + (10 + i % 18)
                    + "\n")
                .getBytes(StandardCharsets.UTF_8);
        out.write(row);
        written += row.length;
      }
    }
    return new File(path, HexFormat.of().formatHex(sha256.digest()), written);
  }

  @Test
  void aLargeUploadInterruptedAndResumedByTusJsClientMakesOneJobOfTheWholeFile() throws Exception {
    String token = Tokens.of(Tenants.fresh(), "member");
    File file = csv("js-interrupted-" + System.nanoTime(), SIZE);
    try {
      JsonNode result = node("interrupted", token, file, "interrupted.csv");
      long offsetAtAbort = result.path("offsetAtAbort").asLong();
      assertTrue(offsetAtAbort > 0 && offsetAtAbort < file.size(), () -> "aborted at " + result);
      assertEquals(
          file.size() - offsetAtAbort,
          result.path("resent").asLong(),
          () -> "the resumed client sent only the rest: " + result);
      assertJob(token, URI.create(result.path("url").asText()), file, "interrupted.csv");
    } finally {
      Files.deleteIfExists(file.path());
    }
  }

  @Test
  void tusJsClientsParallelUploadIsJoinedIntoOneJob() throws Exception {
    String token = Tokens.of(Tenants.fresh(), "member");
    File file = csv("js-parallel-" + System.nanoTime(), SIZE);
    try {
      JsonNode result = node("parallel", token, file, "parallel.csv");
      URI upload = URI.create(result.path("url").asText());
      JsonNode status = assertJob(token, upload, file, "parallel.csv");
      assertEquals("final", status.path("concat").asText(), status::toString);
      assertEquals(3, status.path("partials").size(), status::toString);
    } finally {
      Files.deleteIfExists(file.path());
    }
  }

  private static JsonNode assertJob(String token, URI upload, File file, String filename) {
    JsonNode status = Tus.status(upload, token);
    assertEquals("completed", status.path("state").asText(), status::toString);
    assertEquals(file.size(), status.path("offset").asLong(), status::toString);
    assertEquals(file.sha256(), status.path("sha256").asText(), status::toString);
    JsonNode job = Jobs.status(token, status.path("jobId").asText());
    assertEquals(filename, job.path("filename").asText(), job::toString);
    assertEquals(file.sha256(), job.path("file").path("sha256").asText(), job::toString);
    assertEquals(file.size(), job.path("file").path("size").asLong(), job::toString);
    return status;
  }

  /** Runs tools/tus-js/upload.mjs, installing its locked dependencies first if they are not. */
  private static JsonNode node(String mode, String token, File file, String filename)
      throws IOException, InterruptedException {
    Path tools = TestEnvironment.repoDir().resolve("tools/tus-js");
    NodeTools.ensureInstalled(tools, "tus-js-client");
    NodeTools.Result upload =
        NodeTools.run(
            tools,
            600,
            Map.of(),
            List.of(
                "node",
                tools.resolve("upload.mjs").toString(),
                mode,
                TestEnvironment.apiUri("/upload/stream").toString(),
                token,
                file.path().toString(),
                filename));
    assertEquals(0, upload.exit(), () -> "tus-js-client failed:\n" + upload.output());
    String[] lines = upload.output().strip().split("\n");
    return JSON.readTree(lines[lines.length - 1]);
  }
}
