package io.fileparser.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.DeserializationFeature;
import io.fileparser.client.ApiClient;
import io.fileparser.client.ApiException;
import io.fileparser.client.ApiResponse;
import io.fileparser.client.api.JobsApi;
import io.fileparser.client.api.UploadApi;
import io.fileparser.client.model.JobPage;
import io.fileparser.client.model.JobView;
import io.fileparser.client.model.Problem;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A client generated from the committed OpenAPI document (openapi-generator, java.net.http with
 * Jackson; see the integration-tests pom) uploads, follows, lists and is refused exactly as the
 * document says. Nothing here speaks HTTP itself: if the document misdescribes a request or an
 * answer, the generated client cannot make the call or read what comes back.
 *
 * <p>The client reads strictly: a member the server writes that the document does not name fails
 * the test, as does a problem that does not fit the documented {@code Problem} schema.
 */
class GeneratedClientIT {

  private static final Set<String> FINISHED =
      Set.of("COMPLETED", "FAILED", "CANCELLED", "DEAD_LETTERED");

  private static Workers worker;

  @TempDir Path files;

  @BeforeAll
  static void startWorker() {
    worker = Workers.start();
  }

  @AfterAll
  static void stopWorker() {
    worker.close();
  }

  @Test
  void uploadedCsvIsParsedToCompletedThroughTheGeneratedClient() throws Exception {
    String tenant = Tenants.fresh();
    ApiClient client = client(Tokens.of(tenant, "member"));
    File csv = file("invoices.csv", SampleFiles.csv(tenant));

    ApiResponse<JobView> created = upload(client, csv, 7, "{\"batch\":\"2026-11\"}");

    assertEquals(201, created.getStatusCode());
    JobView job = created.getData();
    assertEquals("invoices.csv", job.getFilename());
    assertEquals(7, job.getPriority());
    assertEquals(Map.of("batch", "2026-11"), job.getMetadata());
    assertEquals("CSV", job.getFile().getFormat());
    assertEquals(SampleFiles.sha256(SampleFiles.csv(tenant)), job.getFile().getSha256());
    String location = created.getHeaders().get("Location").get(0);
    assertTrue(location.endsWith("/api/parser/status/" + job.getId()), location);

    JobView done = awaitFinished(new JobsApi(client), job.getId(), Duration.ofSeconds(60));
    assertEquals("COMPLETED", done.getState(), done::toString);
    assertEquals(100, done.getProgress().getPercent(), done::toString);
    assertEquals(4L, done.getRecordCount(), done::toString);
    double confidence = done.getClassification().getConfidence();
    assertTrue(confidence >= 0 && confidence <= 1, done::toString);
    assertNotNull(done.getFinishedAt(), done::toString);
  }

  @Test
  void uploadedJobIsFoundInTheJobList() throws Exception {
    String tenant = Tenants.fresh();
    ApiClient client = client(Tokens.of(tenant, "member"));
    JobView job = upload(client, file("listed.csv", SampleFiles.csv(tenant)), null, null).getData();

    JobPage page =
        new JobsApi(client)
            .listJobs(
                null,
                List.of("CSV"),
                null,
                null,
                null,
                null,
                null,
                "listed",
                "listed.csv",
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                "10",
                null,
                "true");

    List<UUID> ids = page.getItems().stream().map(JobView::getId).toList();
    assertEquals(List.of(job.getId()), ids, page::toString);
    assertEquals("listed.csv", page.getItems().get(0).getFilename());
    assertEquals(1L, page.getTotal());
  }

  @Test
  void unknownJobIsA404ProblemOfTheDocumentedSchema() throws Exception {
    ApiClient client = client(Tokens.of(Tenants.fresh(), "viewer"));
    UUID unknown = UUID.randomUUID();

    ApiException refused =
        assertThrows(ApiException.class, () -> new JobsApi(client).getJob(unknown));

    assertEquals(404, refused.getCode());
    assertTrue(
        refused
            .getResponseHeaders()
            .firstValue("Content-Type")
            .orElse("")
            .startsWith("application/problem+json"),
        refused::toString);
    Problem problem = client.getObjectMapper().readValue(refused.getResponseBody(), Problem.class);
    assertEquals("job_not_found", problem.getCode());
    assertEquals("urn:fileparser:problem:job_not_found", problem.getType());
    assertEquals(404, problem.getStatus());
    assertTrue(problem.getInstance().endsWith("/status/" + unknown), problem::toString);
  }

  @Test
  void refusedUploadIsAProblemWithItsExtensionMembers() throws Exception {
    ApiClient client = client(Tokens.of(Tenants.fresh(), "member"));

    ApiException refused =
        assertThrows(
            ApiException.class,
            () -> upload(client, file("picture.csv", SampleFiles.png()), null, null));

    assertEquals(415, refused.getCode());
    Problem problem = client.getObjectMapper().readValue(refused.getResponseBody(), Problem.class);
    assertEquals("unsupported_format", problem.getCode());
    assertEquals(415, problem.getStatus());
    assertEquals("image/png", problem.getAdditionalProperty("detectedType"), problem::toString);
  }

  /**
   * {@code uploadFile} as a multipart form. The operation also takes the file as a raw body with
   * its options as query parameters; the generator names the form fields of the same names {@code
   * priority2}, {@code metadata2}, ... and the query parameters {@code priority}, {@code metadata}.
   */
  private static ApiResponse<JobView> upload(
      ApiClient client, File file, Integer priority, String metadata) throws ApiException {
    String none = null;
    List<String> noPreferences = null;
    return new UploadApi(client)
        .uploadFileWithHttpInfo(
            file,
            none,
            noPreferences,
            none,
            none,
            none,
            none,
            none,
            none,
            none,
            none,
            none,
            priority,
            null,
            null,
            metadata,
            null,
            null,
            null,
            null);
  }

  /**
   * The generated client for {@code token}: the document names bearer authentication, which the
   * native library leaves to the caller, so every request gets the header here.
   */
  private static ApiClient client(String token) {
    ApiClient client = new ApiClient();
    client.updateBaseUri(TestEnvironment.baseUri().toString());
    client.setReadTimeout(Duration.ofSeconds(60));
    client.setRequestInterceptor(request -> request.header("Authorization", "Bearer " + token));
    // getObjectMapper() hands out copies: the strict mapper has to be set, not configured.
    client.setObjectMapper(
        ApiClient.createDefaultObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES));
    return client;
  }

  private File file(String name, byte[] content) throws IOException {
    return Files.write(files.resolve(name), content).toFile();
  }

  private static JobView awaitFinished(JobsApi jobs, UUID id, Duration timeout)
      throws ApiException, InterruptedException {
    Instant deadline = Instant.now().plus(timeout);
    JobView job = jobs.getJob(id);
    while (!FINISHED.contains(job.getState())) {
      if (Instant.now().isAfter(deadline)) {
        fail("job " + id + " not finished within " + timeout + ": " + job);
      }
      Thread.sleep(200);
      job = jobs.getJob(id);
    }
    return job;
  }
}
