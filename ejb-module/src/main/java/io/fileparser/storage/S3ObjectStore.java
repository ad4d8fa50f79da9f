package io.fileparser.storage;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.NoSuchFileException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.MultipartUpload;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.NoSuchUploadException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The object store on S3 or an S3-compatible server. Keys are {@code <prefix>/staging/<uuid>},
 * {@code <prefix>/tenants/<tenant>/<ab>/<sha256>} and {@code
 * <prefix>/results/<tenant>/<job>/<attempt>.ndjson}; URIs are {@code s3://<bucket>/<key>}.
 *
 * <p>Staging streams the upload as a multipart upload through one reused part buffer, so an upload
 * costs {@code partSizeBytes} of heap whatever its size; a failed one is aborted, and {@link
 * #removeAbandonedStaging} sweeps up what a crashed server left behind. Promotion is a server-side
 * copy followed by deleting the staging object: S3 has no rename.
 *
 * <p>As {@link PartedStaging}, a multipart upload outlives the request that started it: resumable
 * uploads send one part after another over many requests, and complete it with their last byte.
 */
public class S3ObjectStore implements ObjectStore, PartedStaging, AutoCloseable {

  private static final Logger LOG = Logger.getLogger(S3ObjectStore.class.getName());
  private static final int MAX_PARTS = 10_000;
  // The largest object a single CopyObject can copy; uploads are limited far below it.
  private static final long MAX_COPY_SIZE = 5L * 1024 * 1024 * 1024;
  private static final int HTTP_NOT_FOUND = 404;
  private static final int HTTP_RANGE_NOT_SATISFIABLE = 416;

  private final S3Settings settings;
  private final S3Client client;
  private final BucketKeys keys;

  /** Builds a client for {@code settings}; {@link #close()} releases it. */
  public S3ObjectStore(S3Settings settings) {
    this(settings, List.of());
  }

  /** With interceptors that see every request, so tests can check what is sent. */
  S3ObjectStore(S3Settings settings, List<ExecutionInterceptor> interceptors) {
    this.settings = settings;
    this.client = newClient(settings, interceptors);
    this.keys = new BucketKeys("s3", settings.bucket(), settings.prefix());
  }

  @Override
  public StagedObject stage(InputStream content) throws IOException {
    String key = keys.newStaging();
    byte[] buffer = new byte[settings.partSizeBytes()];
    int filled = content.readNBytes(buffer, 0, buffer.length);
    if (filled == buffer.length) {
      return stageInParts(key, content, buffer);
    }
    // Shorter than one part: one request, and nothing to abort if it fails.
    try {
      client.putObject(
          b ->
              b.bucket(settings.bucket())
                  .key(key)
                  .contentLength((long) filled)
                  .serverSideEncryption(settings.serverSideEncryption())
                  .ssekmsKeyId(settings.kmsKeyId()),
          body(buffer, filled));
    } catch (SdkException e) {
      throw failure("could not stage " + key, e);
    }
    return new StagedObject(key, filled);
  }

  /** Uploads {@code buffer} (already full) and the rest of {@code content} one part at a time. */
  private StagedObject stageInParts(String key, InputStream content, byte[] buffer)
      throws IOException {
    String uploadId;
    try {
      uploadId =
          client
              .createMultipartUpload(
                  b ->
                      b.bucket(settings.bucket())
                          .key(key)
                          .serverSideEncryption(settings.serverSideEncryption())
                          .ssekmsKeyId(settings.kmsKeyId()))
              .uploadId();
    } catch (SdkException e) {
      throw failure("could not start the upload of " + key, e);
    }
    try {
      List<CompletedPart> parts = new ArrayList<>();
      long size = 0;
      for (int filled = buffer.length; filled > 0; ) {
        int number = parts.size() + 1;
        if (number > MAX_PARTS) {
          throw new IOException("upload exceeds " + MAX_PARTS + " parts of " + buffer.length);
        }
        long length = filled;
        String etag =
            client
                .uploadPart(
                    b ->
                        b.bucket(settings.bucket())
                            .key(key)
                            .uploadId(uploadId)
                            .partNumber(number)
                            .contentLength(length),
                    body(buffer, filled))
                .eTag();
        parts.add(CompletedPart.builder().partNumber(number).eTag(etag).build());
        size += filled;
        filled = filled < buffer.length ? 0 : content.readNBytes(buffer, 0, buffer.length);
      }
      client.completeMultipartUpload(
          b ->
              b.bucket(settings.bucket())
                  .key(key)
                  .uploadId(uploadId)
                  .multipartUpload(m -> m.parts(parts)));
      return new StagedObject(key, size);
    } catch (SdkException e) {
      IOException failure = failure("could not upload " + key, e);
      abortQuietly(key, uploadId, failure);
      throw failure;
    } catch (IOException | RuntimeException e) {
      abortQuietly(key, uploadId, e);
      throw e;
    }
  }

  @Override
  public Optional<PartedStaging> partedStaging() {
    return Optional.of(this);
  }

  @Override
  public int partBytes() {
    return settings.partSizeBytes();
  }

  @Override
  public int maxParts() {
    return MAX_PARTS;
  }

  @Override
  public Started start() throws IOException {
    String key = keys.newStaging();
    try {
      return new Started(
          key,
          client
              .createMultipartUpload(
                  b ->
                      b.bucket(settings.bucket())
                          .key(key)
                          .serverSideEncryption(settings.serverSideEncryption())
                          .ssekmsKeyId(settings.kmsKeyId()))
              .uploadId());
    } catch (SdkException e) {
      throw failure("could not start the upload of " + key, e);
    }
  }

  @Override
  public String uploadPart(Started upload, int number, byte[] bytes, int length)
      throws IOException {
    String key = keys.staged(new StagedObject(upload.key(), 0));
    if (number < 1 || number > MAX_PARTS) {
      throw new IOException("part " + number + " is outside 1.." + MAX_PARTS);
    }
    try {
      return client
          .uploadPart(
              b ->
                  b.bucket(settings.bucket())
                      .key(key)
                      .uploadId(upload.uploadId())
                      .partNumber(number)
                      .contentLength((long) length),
              body(bytes, length))
          .eTag();
    } catch (SdkException e) {
      throw failure("could not upload part " + number + " of " + key, e);
    }
  }

  @Override
  public StagedObject complete(Started upload, List<Part> parts) throws IOException {
    String key = keys.staged(new StagedObject(upload.key(), 0));
    List<CompletedPart> completed =
        parts.stream()
            .map(p -> CompletedPart.builder().partNumber(p.number()).eTag(p.etag()).build())
            .toList();
    try {
      client.completeMultipartUpload(
          b ->
              b.bucket(settings.bucket())
                  .key(key)
                  .uploadId(upload.uploadId())
                  .multipartUpload(m -> m.parts(completed)));
    } catch (SdkException e) {
      throw failure("could not complete the upload of " + key, e);
    }
    return new StagedObject(key, parts.stream().mapToLong(Part::size).sum());
  }

  @Override
  public void abort(Started upload) throws IOException {
    String key = keys.staged(new StagedObject(upload.key(), 0));
    try {
      client.abortMultipartUpload(
          b -> b.bucket(settings.bucket()).key(key).uploadId(upload.uploadId()));
    } catch (NoSuchUploadException e) {
      // completed or aborted already
    } catch (SdkException e) {
      throw failure("could not abort the upload of " + key, e);
    }
  }

  @Override
  public URI promote(StagedObject staged, String tenantId, String sha256) throws IOException {
    return copyTo("tenants", staged, tenantId, sha256);
  }

  @Override
  public URI quarantine(StagedObject staged, String tenantId, String sha256) throws IOException {
    return copyTo("quarantine", staged, tenantId, sha256);
  }

  @Override
  public InputStream openStaged(StagedObject staged) throws IOException {
    String key = keys.staged(staged);
    try {
      return client.getObject(b -> b.bucket(settings.bucket()).key(key));
    } catch (SdkException e) {
      throw failure("could not read staged object " + key, e);
    }
  }

  private URI copyTo(String area, StagedObject staged, String tenantId, String sha256)
      throws IOException {
    String target = keys.contentKey(area, tenantId, sha256);
    String source = keys.staged(staged);
    if (staged.size() > MAX_COPY_SIZE) {
      throw new IOException("too large for a single S3 copy: " + staged.size() + " bytes");
    }
    try {
      // Copied even when the same bytes are there already: the copy also renews the object's
      // modification time, which keeps the orphan sweep off it while its registration follows.
      // Two uploads of the same bytes may both copy; the content is the same either way.
      client.copyObject(
          b ->
              b.sourceBucket(settings.bucket())
                  .sourceKey(source)
                  .destinationBucket(settings.bucket())
                  .destinationKey(target)
                  .serverSideEncryption(settings.serverSideEncryption())
                  .ssekmsKeyId(settings.kmsKeyId()));
    } catch (SdkException e) {
      throw failure("could not promote " + source + " to " + target, e);
    }
    deleteQuietly(source);
    return keys.uri(target);
  }

  @Override
  public void discard(StagedObject staged) {
    deleteQuietly(keys.staged(staged));
  }

  @Override
  public void delete(URI uri) throws IOException {
    String key = keys.own(uri);
    try {
      client.deleteObject(b -> b.bucket(settings.bucket()).key(key));
    } catch (SdkException e) {
      throw failure("could not delete " + uri, e);
    }
  }

  @Override
  public boolean exists(URI uri) {
    String key = keys.own(uri);
    try {
      return isPresent(key);
    } catch (SdkException e) {
      throw new UncheckedIOException(failure("could not look up " + uri, e));
    }
  }

  @Override
  public URI resultLocation(String tenantId, UUID jobId, int attempt) {
    return keys.uri(keys.tenantArea("results", tenantId) + jobId + "/" + attempt + ".ndjson");
  }

  @Override
  public InputStream open(URI uri, long offset) throws IOException {
    if (offset < 0) {
      throw new IllegalArgumentException("negative offset: " + offset);
    }
    String key = keys.own(uri);
    GetObjectRequest.Builder request =
        GetObjectRequest.builder().bucket(settings.bucket()).key(key);
    if (offset > 0) {
      request.range("bytes=" + offset + "-");
    }
    try {
      return client.getObject(request.build());
    } catch (NoSuchKeyException e) {
      // Same exception as the local store, so callers need not know which store they use.
      NoSuchFileException missing = new NoSuchFileException(uri.toString());
      missing.initCause(e);
      throw missing;
    } catch (S3Exception e) {
      if (e.statusCode() == HTTP_RANGE_NOT_SATISFIABLE) {
        // Reading at or past the end gives no bytes, as a file channel positioned there does.
        return InputStream.nullInputStream();
      }
      throw failure("could not read " + uri, e);
    } catch (SdkException e) {
      throw failure("could not read " + uri, e);
    }
  }

  /**
   * Aborts the staging uploads started before {@code now - olderThan} that {@code references} does
   * not name: a server that died mid-upload leaves its parts stored (and billed) until someone
   * aborts them, while a resumable upload's parted staging may rightly be older. Returns how many.
   */
  @Override
  public int removeAbandonedStaging(Duration olderThan, StagingReferences references)
      throws IOException {
    if (olderThan.isNegative()) {
      // It would abort the uploads that other servers are streaming right now.
      throw new IllegalArgumentException("negative age: " + olderThan);
    }
    return abortUploadsInitiatedBefore(Instant.now().minus(olderThan), references);
  }

  /**
   * Aborts the staging uploads initiated before {@code cutoff} that {@code references} does not
   * name. Tests call this directly because s3proxy reports the time of the listing as every
   * upload's initiation time.
   */
  int abortUploadsInitiatedBefore(Instant cutoff, StagingReferences references) throws IOException {
    String staging = keys.stagingArea();
    List<MultipartUpload> old = new ArrayList<>();
    try {
      for (MultipartUpload upload :
          client
              .listMultipartUploadsPaginator(b -> b.bucket(settings.bucket()).prefix(staging))
              .uploads()) {
        // The key check guards against servers that ignore the prefix filter.
        if (upload.key().startsWith(staging)
            && upload.initiated() != null
            && upload.initiated().isBefore(cutoff)) {
          old.add(upload);
        }
      }
    } catch (SdkException e) {
      throw failure("could not list the staging uploads under " + staging, e);
    }
    int aborted = 0;
    for (MultipartUpload upload : references.unnamed(old, MultipartUpload::key)) {
      try {
        client.abortMultipartUpload(
            b -> b.bucket(settings.bucket()).key(upload.key()).uploadId(upload.uploadId()));
        aborted++;
      } catch (NoSuchUploadException e) {
        // Completed or aborted by its owner meanwhile.
      } catch (SdkException e) {
        throw failure("could not abort the staging upload of " + upload.key(), e);
      }
    }
    return aborted;
  }

  @Override
  public Stream<ListedObject> contentObjects() {
    return Stream.of("tenants", "quarantine").flatMap(this::listed);
  }

  /** The objects under one area, listed page by page as the stream is read. */
  private Stream<ListedObject> listed(String area) {
    String areaPrefix = keys.prefix() + area + "/";
    Iterator<S3Object> pages =
        client
            .listObjectsV2Paginator(b -> b.bucket(settings.bucket()).prefix(areaPrefix))
            .contents()
            .iterator();
    return ObjectListings.lazily(
            pages, SdkException.class, e -> failure("could not list " + areaPrefix, e))
        .flatMap(
            object ->
                BucketKeys.content(areaPrefix, object.key())
                    .map(
                        key ->
                            new ListedObject(
                                keys.uri(object.key()),
                                key.tenantId(),
                                key.sha256(),
                                object.lastModified()))
                    .stream());
  }

  @Override
  public Optional<Instant> lastModified(URI uri) throws IOException {
    String key = keys.own(uri);
    try {
      return Optional.of(
          client.headObject(b -> b.bucket(settings.bucket()).key(key)).lastModified());
    } catch (NoSuchKeyException e) {
      return Optional.empty();
    } catch (S3Exception e) {
      if (e.statusCode() == HTTP_NOT_FOUND) {
        return Optional.empty();
      }
      throw failure("could not look up " + uri, e);
    } catch (SdkException e) {
      throw failure("could not look up " + uri, e);
    }
  }

  @Override
  public void checkWritable() throws IOException {
    try {
      client.headBucket(b -> b.bucket(settings.bucket()));
    } catch (SdkException e) {
      throw failure("the bucket does not answer", e);
    }
  }

  @Override
  public String describe() {
    return "S3 bucket "
        + settings.bucket()
        + (keys.prefix().isEmpty() ? "" : " under " + keys.prefix());
  }

  /** Releases the HTTP client. */
  @Override
  public void close() {
    client.close();
  }

  private boolean isPresent(String key) {
    try {
      client.headObject(b -> b.bucket(settings.bucket()).key(key));
      return true;
    } catch (NoSuchKeyException e) {
      return false;
    } catch (S3Exception e) {
      // A HEAD response has no body, so a missing key may come back as a bare 404.
      if (e.statusCode() == HTTP_NOT_FOUND) {
        return false;
      }
      throw e;
    }
  }

  private void deleteQuietly(String key) {
    try {
      client.deleteObject(b -> b.bucket(settings.bucket()).key(key));
    } catch (SdkException e) {
      LOG.log(Level.WARNING, "could not delete s3://" + settings.bucket() + "/" + key, e);
    }
  }

  private void abortQuietly(String key, String uploadId, Exception failure) {
    try {
      client.abortMultipartUpload(b -> b.bucket(settings.bucket()).key(key).uploadId(uploadId));
    } catch (SdkException e) {
      failure.addSuppressed(e);
      LOG.log(Level.WARNING, "could not abort the upload of " + key + " (" + uploadId + ")", e);
    }
  }

  private IOException failure(String what, SdkException e) {
    return new IOException(what + " in bucket " + settings.bucket() + ": " + e.getMessage(), e);
  }

  /** A body over the first {@code length} bytes that the SDK can re-read when it retries. */
  private static RequestBody body(byte[] buffer, int length) {
    return RequestBody.fromContentProvider(
        () -> new ByteArrayInputStream(buffer, 0, length), length, "application/octet-stream");
  }

  private static S3Client newClient(S3Settings settings, List<ExecutionInterceptor> interceptors) {
    S3ClientBuilder builder =
        S3Client.builder()
            .httpClientBuilder(UrlConnectionHttpClient.builder())
            // The SDK's default CRC checksums are refused by S3-compatible servers (s3proxy,
            // older MinIO/Ceph); S3 itself needs them only where the API requires them.
            .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
            .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
            .forcePathStyle(settings.pathStyle())
            .overrideConfiguration(o -> o.executionInterceptors(interceptors));
    if (settings.region() != null) {
      builder.region(Region.of(settings.region()));
    }
    if (settings.endpoint() != null) {
      builder.endpointOverride(settings.endpoint());
    }
    if (settings.hasStaticCredentials()) {
      builder.credentialsProvider(
          StaticCredentialsProvider.create(
              AwsBasicCredentials.create(settings.accessKeyId(), settings.secretAccessKey())));
    }
    return builder.build();
  }
}
