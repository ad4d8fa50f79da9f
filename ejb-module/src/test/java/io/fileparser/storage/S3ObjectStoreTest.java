package io.fileparser.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.MultipartUpload;
import software.amazon.awssdk.services.s3.model.NoSuchUploadException;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Component test of {@link S3ObjectStore} against a real S3 API server (s3proxy with a file system
 * backend): the {@link ObjectStoreContract}, plus what is S3's own (multipart uploads and their
 * abortion, the encryption headers, the requests sent). Each test works under its own key prefix,
 * so tests never see each other's objects.
 */
class S3ObjectStoreTest extends ObjectStoreContract {

  private static final String BUCKET = "it-bucket";
  private static final String OTHER_BUCKET = "other-bucket";
  private static final int MIB = 1024 * 1024;
  private static final String SSE = "x-amz-server-side-encryption";

  @TempDir static Path sandbox;

  private static S3ProxyServer server;
  private static S3Client admin;

  private final List<Sent> sent = new CopyOnWriteArrayList<>();
  private final ExecutionInterceptor recorder =
      new ExecutionInterceptor() {
        @Override
        public void beforeTransmission(
            Context.BeforeTransmission context, ExecutionAttributes attributes) {
          // Headers only: the request itself holds the body, which would pin each part buffer.
          sent.add(
              new Sent(
                  attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME),
                  Map.copyOf(context.httpRequest().headers())));
        }
      };
  private String prefix;
  private S3ObjectStore store;

  @BeforeAll
  static void startServer() throws Exception {
    server = S3ProxyServer.start(sandbox);
    admin = server.newClient();
    admin.createBucket(b -> b.bucket(BUCKET));
    admin.createBucket(b -> b.bucket(OTHER_BUCKET));
  }

  @AfterAll
  static void stopServer() throws Exception {
    if (admin != null) {
      admin.close();
    }
    if (server != null) {
      server.close();
    }
  }

  @Override
  protected ObjectStore openStore() {
    prefix = "store-" + UUID.randomUUID().toString().substring(0, 8);
    store = new S3ObjectStore(settings(null, null), List.of(recorder));
    return store;
  }

  /** Keys under the prefix, and s3proxy's bookkeeping of unfinished uploads of such keys. */
  @Override
  protected List<String> storedNames() {
    return allKeys(BUCKET).stream()
        .filter(key -> key.contains(prefix + "/"))
        .map(key -> key.substring(key.indexOf(prefix + "/") + prefix.length() + 1))
        .sorted()
        .toList();
  }

  @Override
  protected void putRaw(URI uri, byte[] bytes) {
    admin.putObject(
        b -> b.bucket(uri.getHost()).key(uri.getPath().substring(1)), RequestBody.fromBytes(bytes));
  }

  @Test
  void aShortUploadIsOnePutToTheContentAddressWithoutEncryptionHeaders() throws Exception {
    byte[] data = randomBytes(200_000);
    String sha = sha256(data);

    StagedObject staged = store.stage(new ByteArrayInputStream(data));
    URI uri = store.promote(staged, "acme", sha);

    assertEquals(200_000, staged.size());
    assertEquals(
        URI.create("s3://it-bucket/" + prefix + "/tenants/acme/" + sha.substring(0, 2) + "/" + sha),
        uri);
    try (InputStream in = store.open(uri, 0)) {
      assertArrayEquals(data, in.readAllBytes());
    }
    assertTrue(store.exists(uri));
    assertEquals(List.of(uri.getPath().substring(1)), keysUnder(prefix));
    assertEquals(1, count("PutObject"), "shorter than a part: one PUT, no multipart upload");
    assertTrue(sent.stream().noneMatch(s -> s.header(SSE).isPresent()));
  }

  @Test
  void stagesALargeStreamPartByPartHoldingAboutOnePartInMemory() throws Exception {
    long size = 40L * MIB + 12_345;
    GeneratedStream source = new GeneratedStream(size, Long.MAX_VALUE, null);
    long before = usedHeapAfterGc();

    long started = System.nanoTime();
    StagedObject staged;
    long peak;
    try (HeapSampler sampler = new HeapSampler()) {
      staged = store.stage(source);
      peak = sampler.peak();
    }
    long millis = (System.nanoTime() - started) / 1_000_000;
    long after = usedHeapAfterGc();

    System.out.printf(
        "S3ObjectStoreTest: staged %d bytes in %d ms (with forced GCs); live heap before %.1f MiB,"
            + " peak growth %.1f MiB, growth after %.1f MiB%n",
        size,
        millis,
        before / (double) MIB,
        (peak - before) / (double) MIB,
        (after - before) / (double) MIB);
    assertEquals(size, staged.size());
    assertEquals(9, count("UploadPart"), "eight full 5 MiB parts and a short last one");
    assertEquals(List.of(), uploadsUnder(prefix));
    assertTrue(peak - before < 32L * MIB, "live heap grew by " + (peak - before) + " bytes");
    URI uri = store.promote(staged, "acme", source.sha256());
    try (InputStream in = store.open(uri, 0)) {
      assertEquals(source.sha256(), sha256(in));
    }
  }

  @Test
  void sourceFailingMidwayThroughAMultipartUploadAbortsIt() {
    int failAt = 12 * MIB;
    List<String> keysBefore = allKeys(BUCKET);
    InputStream failing = new GeneratedStream(40L * MIB, failAt, new IOException("reset"));

    IOException e = assertThrows(IOException.class, () -> store.stage(failing));

    assertEquals("reset", e.getMessage());
    assertEquals(List.of(), uploadsUnder(""));
    assertEquals(keysBefore, allKeys(BUCKET));
    assertEquals(1, count("AbortMultipartUpload"));
  }

  @Test
  void sourceFailingWithARuntimeExceptionAbortsTheUploadToo() {
    List<String> keysBefore = allKeys(BUCKET);
    InputStream failing =
        new GeneratedStream(40L * MIB, 7 * MIB, new IllegalStateException("boom"));

    assertThrows(IllegalStateException.class, () -> store.stage(failing));

    assertEquals(List.of(), uploadsUnder(""));
    assertEquals(keysBefore, allKeys(BUCKET));
  }

  @Test
  void opensFromAnOffsetWithARangedRead() throws Exception {
    byte[] data = randomBytes(10_000);
    URI uri = store.promote(store.stage(new ByteArrayInputStream(data)), "acme", sha256(data));

    try (InputStream in = store.open(uri, 4000)) {
      assertArrayEquals(Arrays.copyOfRange(data, 4000, 10_000), in.readAllBytes());
    }
    assertEquals(Optional.of("bytes=4000-"), last("GetObject").header("Range"));
    try (InputStream in = store.open(uri, 0)) {
      assertEquals(10_000, in.readAllBytes().length);
    }
    assertEquals(Optional.empty(), last("GetObject").header("Range"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "s3://other-bucket/{p}/tenants/acme/aa/victim",
        "s3://it-bucket/elsewhere/tenants/acme/aa/victim",
        "s3://it-bucket/{p}-sibling/tenants/acme/aa/victim",
        "s3://it-bucket/{p}/tenants/../../elsewhere/victim",
        "s3://it-bucket/{p}/tenants/acme/%2e%2e/%2e%2e/%2e%2e/victim",
        "s3://it-bucket/{p}/unknown-area/victim",
        "s3://it-bucket/{p}/tenants//victim",
        "s3://it-bucket/{p}/",
        "s3://it-bucket:9000/{p}/tenants/acme/aa/victim",
        "s3://it-bucket/{p}/tenants/acme/aa/victim?versionId=1",
        "https://it-bucket/{p}/tenants/acme/aa/victim",
        "file:///{p}/tenants/acme/aa/victim",
        "s3:it-bucket/{p}/tenants/acme/aa/victim"
      })
  void urisThatAreNotThisStoresAreRefused(String template) {
    URI uri = URI.create(template.replace("{p}", prefix));

    assertThrows(IllegalArgumentException.class, () -> store.delete(uri));
    assertThrows(IllegalArgumentException.class, () -> store.exists(uri));
    assertThrows(IllegalArgumentException.class, () -> store.open(uri, 0));
  }

  @Test
  void deleteLeavesTheSameKeyInAnotherBucketAlone() {
    String key = prefix + "/tenants/acme/aa/victim";
    admin.putObject(b -> b.bucket(OTHER_BUCKET).key(key), RequestBody.fromString("keep me"));

    assertThrows(
        IllegalArgumentException.class, () -> store.delete(URI.create("s3://other-bucket/" + key)));

    assertEquals(List.of(key), allKeys(OTHER_BUCKET).stream().filter(key::equals).toList());
  }

  @Test
  void overlongTenantIdIsRefused() {
    assertThrows(
        IllegalArgumentException.class,
        () -> store.resultLocation("a".repeat(65), UUID.randomUUID(), 1));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "not-a-key",
        "{p}/staging/../tenants/x",
        "{p}/tenants/acme/aa/" + "a",
        "elsewhere/staging/0f8fad5b-d9cb-469f-a165-70867728950e",
        "{p}/staging/0f8fad5b-d9cb-469f-a165-70867728950e/x",
        "{p}/staging/0F8FAD5B-D9CB-469F-A165-70867728950E"
      })
  void stagedKeysThatAreNotThisStoresAreRefused(String key) {
    StagedObject forged = new StagedObject(key.replace("{p}", prefix), 1);

    assertThrows(IllegalArgumentException.class, () -> store.discard(forged));
    assertThrows(
        IllegalArgumentException.class, () -> store.promote(forged, "acme", "a".repeat(64)));
  }

  @Test
  void sendsTheServerSideEncryptionHeaderWithEveryWrite() throws Exception {
    byte[] small = randomBytes(1000);
    GeneratedStream large = new GeneratedStream(6L * MIB, Long.MAX_VALUE, null);

    try (S3ObjectStore encrypting =
        new S3ObjectStore(settings("AES256", null), List.of(recorder))) {
      encrypting.promote(encrypting.stage(new ByteArrayInputStream(small)), "acme", sha256(small));
      StagedObject staged = encrypting.stage(large);
      encrypting.promote(staged, "acme", large.sha256());
    }

    for (String operation : List.of("PutObject", "CreateMultipartUpload", "CopyObject")) {
      assertEquals(Optional.of("AES256"), last(operation).header(SSE), operation);
    }
    // S3 refuses SSE-S3 headers on UploadPart: the upload's encryption is set when it starts.
    assertTrue(of("UploadPart").stream().noneMatch(s -> s.header(SSE).isPresent()));
  }

  @Test
  void sendsTheKmsKeyWithAwsKmsEncryption() throws Exception {
    String kmsKey = "arn:aws:kms:us-east-1:111122223333:key/it-key";
    byte[] data = randomBytes(1000);

    try (S3ObjectStore encrypting =
        new S3ObjectStore(settings("aws:kms", kmsKey), List.of(recorder))) {
      encrypting.promote(encrypting.stage(new ByteArrayInputStream(data)), "acme", sha256(data));
    }

    for (String operation : List.of("PutObject", "CopyObject")) {
      assertEquals(Optional.of("aws:kms"), last(operation).header(SSE), operation);
      assertEquals(Optional.of(kmsKey), last(operation).header(SSE + "-aws-kms-key-id"), operation);
    }
  }

  @Test
  void abortsStagingUploadsInitiatedBeforeTheCutoffAndNothingElse() throws Exception {
    String stale = prefix + "/staging/" + UUID.randomUUID();
    String notStaging = prefix + "/tenants/acme/aa/unfinished";
    String otherStore = prefix + "-other/staging/" + UUID.randomUUID();
    String staleId = admin.createMultipartUpload(b -> b.bucket(BUCKET).key(stale)).uploadId();
    String notStagingId =
        admin.createMultipartUpload(b -> b.bucket(BUCKET).key(notStaging)).uploadId();
    String otherStoreId =
        admin.createMultipartUpload(b -> b.bucket(BUCKET).key(otherStore)).uploadId();
    try {
      assertEquals(0, store.removeAbandonedStaging(Duration.ofHours(1), StagingReferences.NONE));
      assertEquals(List.of(stale, notStaging), uploadsUnder(prefix + "/"));

      // s3proxy reports the time of the listing as an upload's initiation, so only a cutoff in
      // the future makes an upload it holds look stale.
      assertEquals(
          1,
          store.abortUploadsInitiatedBefore(Instant.now().plusSeconds(60), StagingReferences.NONE));

      assertEquals(List.of(notStaging), uploadsUnder(prefix + "/"));
      assertEquals(List.of(otherStore), uploadsUnder(prefix + "-other/"));
    } finally {
      abortIfUnfinished(stale, staleId);
      abortIfUnfinished(notStaging, notStagingId);
      abortIfUnfinished(otherStore, otherStoreId);
    }
  }

  @Test
  void keepsAStaleStagingUploadThatIsStillNamed() throws Exception {
    String named = prefix + "/staging/" + UUID.randomUUID();
    String abandoned = prefix + "/staging/" + UUID.randomUUID();
    String namedId = admin.createMultipartUpload(b -> b.bucket(BUCKET).key(named)).uploadId();
    String abandonedId =
        admin.createMultipartUpload(b -> b.bucket(BUCKET).key(abandoned)).uploadId();
    List<String> asked = new ArrayList<>();
    try {
      assertEquals(
          1,
          store.abortUploadsInitiatedBefore(
              Instant.now().plusSeconds(60),
              keys -> {
                asked.addAll(keys);
                return keys.contains(named) ? Set.of(named) : Set.of();
              }));

      assertEquals(List.of(named), uploadsUnder(prefix + "/"));
      assertEquals(Set.of(named, abandoned), Set.copyOf(asked));
    } finally {
      abortIfUnfinished(named, namedId);
      abortIfUnfinished(abandoned, abandonedId);
    }
  }

  @Test
  void refusesANegativeAgeForStaleUploads() {
    assertThrows(
        IllegalArgumentException.class,
        () -> store.removeAbandonedStaging(Duration.ofMinutes(-1), StagingReferences.NONE));
  }

  @Test
  void keysStartAtTheBucketRootWithoutAPrefix() {
    UUID job = UUID.randomUUID();
    S3Settings rootSettings =
        new S3Settings(
            server.endpoint(),
            S3ProxyServer.REGION,
            BUCKET,
            "",
            true,
            S3ProxyServer.ACCESS_KEY,
            S3ProxyServer.SECRET_KEY,
            null,
            null,
            0);

    try (S3ObjectStore atRoot = new S3ObjectStore(rootSettings)) {
      assertEquals(
          URI.create("s3://it-bucket/results/acme/" + job + "/3.ndjson"),
          atRoot.resultLocation("acme", job, 3));
    }
  }

  /**
   * Parted staging as resumable uploads use it: parts sent by separate calls (a part sent again
   * under its number replaces the first one, as after a chunk that broke off), completed with the
   * recorded parts into a staged object that reads back as their bytes in order and is promoted
   * like any other.
   */
  @Test
  void partedStagingJoinsThePartsSentOverSeveralCallsAndAPartSentAgainReplacesTheFirst()
      throws Exception {
    PartedStaging parts = store.partedStaging().orElseThrow();
    assertEquals(5 * MIB, parts.partBytes());
    byte[] first = randomBytes(5 * MIB);
    byte[] lost = randomBytes(5 * MIB);
    byte[] second = randomBytes(5 * MIB);
    byte[] last = randomBytes(123_456);
    PartedStaging.Started started = parts.start();
    assertEquals(List.of(started.key()), uploadsUnder(prefix));

    String firstTag = parts.uploadPart(started, 1, first, first.length);
    parts.uploadPart(started, 2, lost, lost.length); // never recorded: its chunk broke off
    String secondTag = parts.uploadPart(started, 2, second, second.length);
    String lastTag = parts.uploadPart(started, 3, last, last.length);
    StagedObject staged =
        parts.complete(
            started,
            List.of(
                new PartedStaging.Part(1, first.length, firstTag),
                new PartedStaging.Part(2, second.length, secondTag),
                new PartedStaging.Part(3, last.length, lastTag)));

    byte[] whole = new byte[first.length + second.length + last.length];
    System.arraycopy(first, 0, whole, 0, first.length);
    System.arraycopy(second, 0, whole, first.length, second.length);
    System.arraycopy(last, 0, whole, first.length + second.length, last.length);
    assertEquals(whole.length, staged.size());
    assertEquals(List.of(), uploadsUnder(prefix));
    try (InputStream in = store.openStaged(staged)) {
      assertArrayEquals(whole, in.readAllBytes());
    }
    URI promoted = store.promote(staged, "acme", sha256(whole));
    try (InputStream in = store.open(promoted, 0)) {
      assertEquals(sha256(whole), sha256(in.readAllBytes()));
    }
    assertEquals(List.of(promoted.getPath().substring(1)), keysUnder(prefix));
  }

  @Test
  void abortingPartedStagingFreesItsPartsAndIsHarmlessTwice() throws Exception {
    PartedStaging parts = store.partedStaging().orElseThrow();
    PartedStaging.Started started = parts.start();
    parts.uploadPart(started, 1, randomBytes(5 * MIB), 5 * MIB);
    assertEquals(List.of(started.key()), uploadsUnder(prefix));

    parts.abort(started);
    parts.abort(started);

    assertEquals(List.of(), uploadsUnder(prefix));
    assertEquals(List.of(), storedNames());
  }

  private S3Settings settings(String serverSideEncryption, String kmsKeyId) {
    return new S3Settings(
        server.endpoint(),
        S3ProxyServer.REGION,
        BUCKET,
        "/" + prefix + "/",
        true,
        S3ProxyServer.ACCESS_KEY,
        S3ProxyServer.SECRET_KEY,
        serverSideEncryption,
        kmsKeyId,
        5 * MIB);
  }

  /** One HTTP request the store sent, as the SDK's interceptor saw it. */
  private record Sent(String operation, Map<String, List<String>> headers) {
    Optional<String> header(String name) {
      return headers.entrySet().stream()
          .filter(e -> e.getKey().equalsIgnoreCase(name))
          .flatMap(e -> e.getValue().stream())
          .findFirst();
    }
  }

  private List<Sent> of(String operation) {
    return sent.stream().filter(s -> s.operation().equals(operation)).toList();
  }

  private long count(String operation) {
    return of(operation).size();
  }

  private Sent last(String operation) {
    List<Sent> matching = of(operation);
    assertFalse(matching.isEmpty(), "no " + operation + " was sent");
    return matching.get(matching.size() - 1);
  }

  private static List<String> keysUnder(String prefix) {
    return allKeys(BUCKET).stream().filter(k -> k.startsWith(prefix + "/")).toList();
  }

  /**
   * Every key in the bucket, including s3proxy's bookkeeping of unfinished uploads, but not the
   * directories its file system backend lists as keys ending in a slash.
   */
  private static List<String> allKeys(String bucket) {
    return admin.listObjectsV2Paginator(b -> b.bucket(bucket)).contents().stream()
        .map(S3Object::key)
        .filter(key -> !key.endsWith("/"))
        .sorted()
        .toList();
  }

  private static List<String> uploadsUnder(String prefix) {
    return admin.listMultipartUploads(b -> b.bucket(BUCKET).prefix(prefix)).uploads().stream()
        .map(MultipartUpload::key)
        .sorted()
        .toList();
  }

  private static void abortIfUnfinished(String key, String uploadId) {
    try {
      admin.abortMultipartUpload(b -> b.bucket(BUCKET).key(key).uploadId(uploadId));
    } catch (NoSuchUploadException alreadyGone) {
      // Aborted by the store under test.
    }
  }

  private static long usedHeapAfterGc() {
    System.gc();
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  /** Samples the live heap (after a forced GC) in the background, to catch mid-request peaks. */
  private static final class HeapSampler implements AutoCloseable {
    private final AtomicLong peak = new AtomicLong(usedHeapAfterGc());
    private volatile boolean running = true;
    private final Thread thread = new Thread(this::run, "heap-sampler");

    HeapSampler() {
      thread.setDaemon(true);
      thread.start();
    }

    long peak() throws InterruptedException {
      close();
      return peak.get();
    }

    private void run() {
      while (running) {
        peak.accumulateAndGet(usedHeapAfterGc(), Math::max);
        try {
          Thread.sleep(50);
        } catch (InterruptedException e) {
          return;
        }
      }
    }

    @Override
    public void close() throws InterruptedException {
      running = false;
      thread.join();
    }
  }

  /**
   * Deterministic bytes made as they are read, so a big upload needs no big array; optionally fails
   * once {@code failAt} bytes were read, like a client connection that drops.
   */
  private static final class GeneratedStream extends InputStream {
    private final long size;
    private final long failAt;
    private final Exception failure;
    private final MessageDigest digest = newSha256();
    private long position;
    private String sha256;

    GeneratedStream(long size, long failAt, Exception failure) {
      this.size = size;
      this.failAt = failAt;
      this.failure = failure;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) == -1 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (position >= failAt) {
        if (failure instanceof RuntimeException runtime) {
          throw runtime;
        }
        throw (IOException) failure;
      }
      if (position >= size) {
        return -1;
      }
      int n = (int) Math.min(len, Math.min(size, failAt) - position);
      for (int i = 0; i < n; i++) {
        b[off + i] = (byte) (((position + i) * 0x9E3779B97F4A7C15L) >>> 56);
      }
      digest.update(b, off, n);
      position += n;
      return n;
    }

    /** The digest of everything read; call once the stream is exhausted. */
    String sha256() {
      if (sha256 == null) {
        sha256 = HexFormat.of().formatHex(digest.digest());
      }
      return sha256;
    }
  }

  private static String sha256(InputStream in) throws IOException {
    MessageDigest digest = newSha256();
    byte[] buffer = new byte[64 * 1024];
    for (int n; (n = in.read(buffer)) != -1; ) {
      digest.update(buffer, 0, n);
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  private static MessageDigest newSha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }
}
