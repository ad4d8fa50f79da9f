package io.fileparser.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The application on S3: a domain of its own (ports 27xxx with the default IT port base 28000:
 * {@code it.portbase - 1000}; database {@code it.db + _s3}, Redis database {@code it.s3RedisDb})
 * whose object store is an S3 API server on loopback (s3proxy, filesystem backend). Clean files
 * land in the bucket under their content address, and a 1 GiB upload streams through without the
 * server's heap growing with it.
 */
class S3StorageIT {

  private static final String DOMAIN = "fileparser-it-s3";
  private static final int PORTBASE = TestEnvironment.ownDomainPortBase("it.s3Portbase", -1000);
  private static final URI BASE = URI.create("http://127.0.0.1:" + (PORTBASE + 80));
  private static final long ONE_GIB = 1L << 30;
  private static final String SECRET_ACCESS_KEY = "it-secret-" + UUID.randomUUID();

  private static Process s3proxy;
  private static ProcessBuilder s3proxyCommand;
  private static int s3proxyPort;
  private static Path bucketDir;

  @BeforeAll
  static void startDomainOnS3() throws Exception {
    Path root = TestEnvironment.varDir().getParent();
    Path work = TestEnvironment.varDir().resolve("it-s3");
    bucketDir = work.resolve("data").resolve("it-bucket");
    deleteTree(work);
    Files.createDirectories(bucketDir);
    int port = freePort();
    Path properties = work.resolve("s3proxy.properties");
    Files.writeString(
        properties,
        String.join(
            "\n",
            "s3proxy.endpoint=http://127.0.0.1:" + port,
            "s3proxy.authorization=aws-v2-or-v4",
            "s3proxy.identity=it",
            "s3proxy.credential=" + SECRET_ACCESS_KEY,
            "s3proxy.ignore-unknown-headers=true",
            "jclouds.provider=filesystem",
            "jclouds.filesystem.basedir=" + work.resolve("data")));
    // It holds the secret access key: for this user only, like everything payara/run writes.
    Files.setPosixFilePermissions(properties, PosixFilePermissions.fromString("rw-------"));
    Path jar =
        Path.of(
            System.getProperty("user.home"),
            ".m2/repository/org/gaul/s3proxy/2.6.0/s3proxy-2.6.0-jar-with-dependencies.jar");
    s3proxyCommand =
        new ProcessBuilder(
                "java", "-Xmx256m", "-jar", jar.toString(), "--properties", properties.toString())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(work.resolve("s3proxy.log").toFile()));
    s3proxyPort = port;
    s3proxy = s3proxyCommand.start();
    awaitPort(port);
    run(
        root,
        "payara/run",
        "--no-build",
        "--fresh",
        "--no-worker",
        "--domain",
        DOMAIN,
        "--portbase",
        Integer.toString(PORTBASE),
        "--db",
        TestEnvironment.jdbcUrl().substring(TestEnvironment.jdbcUrl().lastIndexOf('/') + 1) + "_s3",
        "--redis-db",
        System.getProperty("it.s3RedisDb", "2"),
        "--set",
        "fileparser.storage.s3.bucket=it-bucket",
        "--set",
        "fileparser.storage.s3.endpoint=http://127.0.0.1:" + port,
        "--set",
        "fileparser.storage.s3.access-key-id=it",
        "--set",
        "fileparser.storage.s3.secret-access-key=" + SECRET_ACCESS_KEY,
        "--set",
        "fileparser.storage.s3.sse=AES256",
        // The cleanup of expired resumable uploads runs every two seconds, not every ten minutes.
        "--set",
        "fileparser.resumable.cleanup-interval-s=2",
        // Uploads wait for clamd's verdict, as on the test domain (see integration-tests/pom.xml).
        "--set",
        "fileparser.scan.verdict-wait-ms=60000");
  }

  @AfterAll
  static void stopDomain() throws Exception {
    run(TestEnvironment.varDir().getParent(), "payara/stop", "--domain", DOMAIN, "--quiet");
    if (s3proxy != null) {
      s3proxy.destroy();
      s3proxy.waitFor(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void cleanFileIsStoredInTheBucketUnderItsContentAddress() throws Exception {
    String tenant = Tenants.fresh();
    byte[] csv = SampleFiles.csv(tenant);
    HttpResponse<String> response =
        rawUpload(tenant, "invoices.csv", HttpRequest.BodyPublishers.ofByteArray(csv));

    assertEquals(201, response.statusCode(), response::body);
    JsonNode job = ApiResponse.JSON.readTree(response.body());
    String sha = job.path("file").path("sha256").asText();
    Path object =
        bucketDir.resolve("tenants").resolve(tenant).resolve(sha.substring(0, 2)).resolve(sha);
    assertTrue(Files.exists(object), () -> "no object at " + object);
    assertEquals(SampleFiles.sha256(csv), SampleFiles.sha256(Files.readAllBytes(object)));
    try (var staging = Files.list(bucketDir)) {
      assertTrue(
          staging.noneMatch(p -> p.getFileName().toString().startsWith(".mpus")),
          "no unfinished multipart upload left");
    }
  }

  /**
   * payara/run got the secret access key with --set; the server has it as a password alias that
   * MicroProfile Config serves (the uploads above authenticate to s3proxy with it), not as a JVM
   * option on its command line or in domain.xml, as the other --set values are.
   */
  @Test
  void secretAccessKeyGivenWithSetIsNeitherOnTheCommandLineNorInDomainXml() throws Exception {
    String domainXml = Files.readString(domainDir().resolve("config/domain.xml"));
    assertTrue(domainXml.contains("-Dfileparser.storage.s3.bucket=it-bucket"), "no --set values");
    assertFalse(domainXml.contains(SECRET_ACCESS_KEY), "the secret access key is in domain.xml");
    List<String> server =
        CommandLines.all().stream().filter(line -> line.contains(domainDir().toString())).toList();
    assertFalse(server.isEmpty(), "the server's process is not among the command lines");
    for (String line : server) {
      assertFalse(
          line.contains(SECRET_ACCESS_KEY), "the secret access key on the server's command line");
    }
  }

  @Test
  void whileTheBucketIsAwayUploadsAreRefusedWith503AndReadinessIsDownThenBothRecover()
      throws Exception {
    String tenant = Tenants.fresh();
    s3proxy.destroy();
    assertTrue(s3proxy.waitFor(30, TimeUnit.SECONDS), "s3proxy stopped");
    try {
      HttpResponse<String> refused =
          rawUpload(
              tenant, "away.csv", HttpRequest.BodyPublishers.ofByteArray(SampleFiles.csv(tenant)));
      assertEquals(503, refused.statusCode(), refused::body);
      assertTrue(refused.headers().firstValue("Retry-After").isPresent(), refused::toString);
      assertTrue(
          refused
              .headers()
              .firstValue("Content-Type")
              .orElse("")
              .startsWith("application/problem+json"),
          refused::toString);
      HttpResponse<String> ready = readiness();
      assertEquals(503, ready.statusCode(), ready::body);
      assertTrue(ready.body().contains("\"object-store\""), ready::body);
    } finally {
      s3proxy = s3proxyCommand.start();
      awaitPort(s3proxyPort);
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (readiness().statusCode() != 200 && System.nanoTime() < deadline) {
      Thread.sleep(200);
    }
    assertEquals(200, readiness().statusCode(), () -> "readiness back up after the bucket is");
    HttpResponse<String> accepted =
        rawUpload(
            tenant, "back.csv", HttpRequest.BodyPublishers.ofByteArray(SampleFiles.csv(tenant)));
    assertEquals(201, accepted.statusCode(), accepted::body);
  }

  private static HttpResponse<String> readiness() throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(BASE.resolve("/health/ready"))
                .timeout(Duration.ofSeconds(30))
                .build(),
            HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void oneGibUploadStreamsWithoutGrowingTheHeap() throws Exception {
    String tenant = Tenants.fresh();
    long pid = Long.parseLong(Files.readString(domainDir().resolve("config/pid")).strip());
    // Warm up first: the S3 client, its endpoint rules and the upload path load once; that is
    // not growth with the upload's size.
    assertEquals(
        201,
        rawUpload(
                tenant,
                "warm-up.csv",
                HttpRequest.BodyPublishers.ofInputStream(() -> new CsvStream(20L << 20)))
            .statusCode());
    long baseline = liveHeap(pid);
    AtomicLong peak = new AtomicLong(baseline);
    AtomicBoolean uploading = new AtomicBoolean(true);
    Thread sampler =
        new Thread(
            () -> {
              while (uploading.get()) {
                try {
                  peak.accumulateAndGet(liveHeap(pid), Math::max);
                  Thread.sleep(1000);
                } catch (Exception e) {
                  return;
                }
              }
            });
    sampler.start();
    HttpResponse<String> response;
    try {
      response =
          rawUpload(
              tenant,
              "big.csv",
              HttpRequest.BodyPublishers.fromPublisher(
                  HttpRequest.BodyPublishers.ofInputStream(() -> new CsvStream(ONE_GIB)), ONE_GIB));
    } finally {
      uploading.set(false);
      sampler.join();
    }
    assertEquals(201, response.statusCode(), response::body);
    JsonNode job = ApiResponse.JSON.readTree(response.body());
    assertEquals(ONE_GIB, job.path("file").path("size").asLong(), response::body);
    long growth = peak.get() - baseline;
    System.out.printf(
        "1 GiB upload to S3: live heap %d MiB before, peak %d MiB during (growth %d MiB)%n",
        baseline >> 20, peak.get() >> 20, growth >> 20);
    assertTrue(growth < 64L << 20, () -> "live heap grew by " + (growth >> 20) + " MiB");
  }

  /**
   * A resumable upload on S3 goes into one multipart upload of a staging object as it arrives: each
   * request's bytes fill 8 MiB parts, what is short of a part waits (encrypted) in a local buffer
   * for the next request, and the last request sends the rest as the last part. Its completion
   * joins the parts in the bucket and the pipeline promotes that object: no chunk is staged as an
   * object of its own and read back.
   */
  @Test
  void aResumableUploadIsSentAsPartsOfOneMultipartUploadAndPromotedWhenItCompletes()
      throws Exception {
    String tenant = Tenants.fresh();
    String token = Tokens.of(tenant, "member");
    int size = (21 << 20) + 12_345;
    byte[] csv = new CsvStream(size).readAllBytes();
    ResumableCheckCounts before = ResumableCheckCounts.of(BASE.resolve("/metrics"));
    URI upload = createResumable(token, size, "multipart.csv");
    UUID id = Tus.id(upload);
    int request = 3 << 20;
    long started = System.nanoTime();
    String jobId = null;
    for (int offset = 0; offset < size; offset += request) {
      int length = Math.min(request, size - offset);
      ApiResponse patched =
          Tus.patch(upload, token, offset, Arrays.copyOfRange(csv, offset, offset + length)).send();
      assertEquals(204, patched.status(), patched::toString);
      jobId = patched.header("Upload-Job-Id").orElse(null);
      if (offset + length == 9 << 20) {
        // Three requests of 3 MiB: one part of 8 MiB sent, 1 MiB waiting in the buffer.
        assertEquals(List.of(8L << 20), partSizes(id));
        assertEquals(1L << 20, bufferSize(id));
        assertEquals(0, count("select count(*) from resumable_segments where upload_id = ?", id));
        List<Path> buffers = bufferFiles();
        assertEquals(1, buffers.size(), buffers::toString);
        byte[] buffered = Files.readAllBytes(buffers.get(0));
        assertTrue(buffered.length > 1 << 20, "the buffer holds 1 MiB and its seals");
        assertFalse(
            new String(buffered, StandardCharsets.ISO_8859_1).contains("customer "),
            "the buffer is encrypted");
        assertTrue(
            bucketEntries().stream().anyMatch(e -> e.contains(".mpus")),
            () -> "a multipart upload under way: " + bucketEntries());
      }
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    assertTrue(jobId != null && !jobId.isBlank(), "the last PATCH answers the job");
    JsonNode status = Tus.status(upload, token);
    assertEquals("completed", status.path("state").asText(), status::toString);
    assertEquals(SampleFiles.sha256(csv), status.path("sha256").asText());
    JsonNode job =
        Api.call("GET", BASE.resolve("/api/parser/status/" + jobId)).bearer(token).send().json();
    String sha = job.path("file").path("sha256").asText();
    assertEquals(SampleFiles.sha256(csv), sha, job::toString);
    assertEquals(size, job.path("file").path("size").asLong(), job::toString);
    Path object =
        bucketDir.resolve("tenants").resolve(tenant).resolve(sha.substring(0, 2)).resolve(sha);
    assertEquals(SampleFiles.sha256(csv), SampleFiles.sha256(Files.readAllBytes(object)));
    assertTrue(
        bucketEntries().stream().noneMatch(e -> e.contains(".mpus") || e.startsWith("staging/")),
        () -> "nothing left in staging: " + bucketEntries());
    assertEquals(List.of(), bufferFiles());
    assertEquals(0, count("select count(*) from resumable_multipart where upload_id = ?", id));
    assertEquals(
        new ResumableCheckCounts(1, 0),
        ResumableCheckCounts.of(BASE.resolve("/metrics")).minus(before),
        "checked as the parts arrived, not read back from the bucket");
    System.out.printf(
        "resumable upload of %.1f MiB to S3 in %d PATCHes of 3 MiB: %.2f s (%.1f MB/s)%n",
        size / 1048576.0, (size + request - 1) / request, seconds, size / seconds / 1e6);
  }

  /**
   * An upload that expires with parts sent and bytes buffered: the cleanup aborts its multipart
   * upload (S3 would keep, and bill, the parts) and removes its buffer.
   */
  @Test
  void theCleanupAbortsTheMultipartUploadOfAnExpiredResumableUploadAndRemovesItsBuffer()
      throws Exception {
    String token = Tokens.of(Tenants.fresh(), "member");
    byte[] csv = new CsvStream(20 << 20).readAllBytes();
    URI upload = createResumable(token, csv.length, "expiring.csv");
    UUID id = Tus.id(upload);
    ApiResponse patched = Tus.patch(upload, token, 0, Arrays.copyOf(csv, 9 << 20)).send();
    assertEquals(204, patched.status(), patched::toString);
    assertEquals(List.of(8L << 20), partSizes(id));
    String stagedKey = stagedKey(id);
    String uuid = stagedKey.substring(stagedKey.lastIndexOf('/') + 1);
    assertTrue(
        bucketEntries().stream().anyMatch(e -> e.contains(".mpus") && e.contains(uuid)),
        () -> "the multipart upload of " + stagedKey + " in " + bucketEntries());
    assertEquals(1, bufferFiles().size());

    try (Connection db = s3Database();
        PreparedStatement expire =
            db.prepareStatement(
                "update resumable_uploads set expires_at = now() - interval '1 minute' where id = ?")) {
      expire.setObject(1, id);
      assertEquals(1, expire.executeUpdate());
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (count("select count(*) from resumable_multipart where upload_id = ?", id) > 0) {
      assertTrue(System.nanoTime() < deadline, "the cleanup never released the upload");
      Thread.sleep(250);
    }
    assertTrue(
        bucketEntries().stream().noneMatch(e -> e.contains(uuid)),
        () -> "the parts of " + stagedKey + " are gone: " + bucketEntries());
    assertEquals(List.of(), bufferFiles());
    assertEquals(410, Tus.head(upload, token).status());
  }

  private static URI createResumable(String token, long length, String filename) {
    ApiResponse created =
        Api.call("POST", BASE.resolve("/api/parser/upload/stream"))
            .bearer(token)
            .header("Tus-Resumable", "1.0.0")
            .header("Upload-Length", Long.toString(length))
            .header("Upload-Metadata", Tus.metadata(filename))
            .send();
    return Tus.created(created);
  }

  private static Connection s3Database() throws SQLException {
    return DriverManager.getConnection(TestEnvironment.jdbcUrl() + "_s3", "postgres", "");
  }

  private static long count(String sql, UUID id) throws SQLException {
    try (Connection db = s3Database();
        PreparedStatement query = db.prepareStatement(sql)) {
      query.setObject(1, id);
      try (ResultSet rows = query.executeQuery()) {
        rows.next();
        return rows.getLong(1);
      }
    }
  }

  private static List<Long> partSizes(UUID id) throws SQLException {
    try (Connection db = s3Database();
        PreparedStatement query =
            db.prepareStatement(
                "select size from resumable_parts where upload_id = ? order by part_number")) {
      query.setObject(1, id);
      List<Long> sizes = new ArrayList<>();
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          sizes.add(rows.getLong(1));
        }
      }
      return sizes;
    }
  }

  private static long bufferSize(UUID id) throws SQLException {
    return single(
        "select buffer_size from resumable_multipart where upload_id = ?", id, Long.class);
  }

  private static String stagedKey(UUID id) throws SQLException {
    return single(
        "select staged_key from resumable_multipart where upload_id = ?", id, String.class);
  }

  private static <T> T single(String sql, UUID id, Class<T> type) throws SQLException {
    try (Connection db = s3Database();
        PreparedStatement query = db.prepareStatement(sql)) {
      query.setObject(1, id);
      try (ResultSet rows = query.executeQuery()) {
        assertTrue(rows.next(), sql);
        return rows.getObject(1, type);
      }
    }
  }

  /** The encrypted local buffers of resumable uploads of the S3 domain. */
  private static List<Path> bufferFiles() throws IOException {
    Path dir = TestEnvironment.varDir().resolve("files/" + DOMAIN + "/buffers/staging");
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (var files = Files.list(dir)) {
      return files.toList();
    }
  }

  /** Every file under the bucket's directory, by its path relative to it. */
  private static List<String> bucketEntries() {
    try (var files = Files.walk(bucketDir)) {
      return files
          .filter(Files::isRegularFile)
          .map(p -> bucketDir.relativize(p).toString())
          .toList();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** Used heap right after a forced full collection: what the server really holds. */
  /**
   * The bytes of live objects: a class histogram counts them in the same safepoint as the full
   * collection it starts. (A collection followed by a separate heap summary also counts whatever
   * the upload allocated between the two commands, which at this speed is tens of MiB of garbage.)
   */
  private static long liveHeap(long pid) throws IOException, InterruptedException {
    Process histogram =
        new ProcessBuilder("jcmd", Long.toString(pid), "GC.class_histogram").start();
    String text = new String(histogram.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    histogram.waitFor(60, TimeUnit.SECONDS);
    // The last line: "Total       2817633      148775408" (instances, bytes).
    String[] lines = text.strip().split("\n");
    String[] total = lines[lines.length - 1].trim().split("\\s+");
    if (!"Total".equals(total[0])) {
      throw new IOException("no class histogram from jcmd: " + text);
    }
    return Long.parseLong(total[2]);
  }

  private static HttpResponse<String> rawUpload(
      String tenant, String name, HttpRequest.BodyPublisher body) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(BASE.resolve("/api/parser/upload"))
            .timeout(Duration.ofMinutes(10))
            .header("Authorization", "Bearer " + Tokens.of(tenant, "member"))
            .header("Content-Type", "text/csv")
            .header("Content-Disposition", "attachment; filename=\"" + name + "\"")
            .POST(body)
            .build();
    return HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .build()
        .send(request, HttpResponse.BodyHandlers.ofString());
  }

  private static Path domainDir() {
    return TestEnvironment.varDir().resolve("payara6/glassfish/domains/" + DOMAIN);
  }

  /** A CSV of exactly {@code size} bytes, generated as it is read. */
  static final class CsvStream extends InputStream {
    private final long size;
    private long position;
    private byte[] line = new byte[0];
    private int offset;
    private long row;

    CsvStream(long size) {
      this.size = size;
    }

    @Override
    public int read() {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) {
      if (position >= size) {
        return -1;
      }
      int n = 0;
      while (n < len && position < size) {
        if (offset == line.length) {
          line =
              (row == 0
                      ? "id,customer,amount,date\n"
                      : row + ",customer " + (row % 9973) + "," + (row % 1000) + ".25,2026-01-05\n")
                  .getBytes(StandardCharsets.US_ASCII);
          offset = 0;
          row++;
        }
        int take = (int) Math.min(Math.min(len - n, line.length - offset), size - position);
        // The last line may be cut; pad it to a full row so the CSV stays consistent.
        System.arraycopy(line, offset, b, off + n, take);
        offset += take;
        position += take;
        n += take;
      }
      return n;
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static void awaitPort(int port) throws InterruptedException {
    for (int i = 0; i < 200; i++) {
      try (java.net.Socket s = new java.net.Socket("127.0.0.1", port)) {
        return;
      } catch (IOException e) {
        Thread.sleep(100);
      }
    }
    throw new IllegalStateException("s3proxy did not start");
  }

  private static void run(Path root, String script, String... args) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(root.resolve(script).toString());
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).directory(root.toFile()).inheritIO().start();
    if (!process.waitFor(10, TimeUnit.MINUTES) || process.exitValue() != 0) {
      throw new IllegalStateException(String.join(" ", command) + " failed");
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    if (Files.exists(dir)) {
      try (var paths = Files.walk(dir)) {
        paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }
}
