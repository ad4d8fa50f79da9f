package io.fileparser.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * A file of every built-in vendor layout, uploaded like any other, completes as normalised call
 * records matched by that layout's system template, with no mapping. The samples are the workers'
 * own (worker/tests/samples/vendors, one per layout, named by its key).
 */
class BuiltinLayoutsIT {

  private static Workers worker;

  @BeforeAll
  static void startWorker() {
    worker = Workers.start();
  }

  @AfterAll
  static void stopWorker() {
    worker.close();
  }

  @TestFactory
  Stream<DynamicTest> aFileOfEveryBuiltInLayoutCompletesAsCallRecordsWithoutMapping()
      throws IOException {
    Path samples = TestEnvironment.repoDir().resolve("worker/tests/samples/vendors");
    List<Path> files;
    try (Stream<Path> listed = Files.list(samples)) {
      files = listed.sorted().toList();
    }
    assertTrue(files.size() >= 11, files::toString);
    return files.stream().map(file -> DynamicTest.dynamicTest(key(file), () -> completes(file)));
  }

  private static void completes(Path file) throws IOException {
    String tenant = Tenants.fresh();
    String token = Tokens.of(tenant, "member");
    String jobId =
        Uploads.create(tenant, file.getFileName().toString(), Files.readAllBytes(file))
            .path("id")
            .asText();

    JsonNode done = Jobs.awaitFinished(token, jobId, Duration.ofSeconds(90));

    assertEquals("COMPLETED", done.path("state").asText(), done::toString);
    JsonNode classification = done.path("classification");
    assertEquals(key(file), classification.path("layout").asText(), done::toString);
    assertFalse(classification.path("templateMatched").asText().isEmpty(), done::toString);
    assertFalse(done.path("needsMapping").asBoolean(true), done::toString);
    assertTrue(done.path("recordCount").asLong() > 0, done::toString);
    JsonNode records = Api.get("/jobs/" + jobId + "/result?limit=1").bearer(token).send().json();
    assertTrue(records.toString().contains("callee"), records::toString);
  }

  private static String key(Path file) {
    String name = file.getFileName().toString();
    return name.substring(0, name.lastIndexOf('.'));
  }
}
