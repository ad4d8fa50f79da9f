package io.fileparser.storage;

import com.google.api.gax.paging.Page;
import com.google.auth.Credentials;
import com.google.auth.oauth2.GoogleCredentials;
import com.google.cloud.NoCredentials;
import com.google.cloud.ReadChannel;
import com.google.cloud.WriteChannel;
import com.google.cloud.http.HttpTransportOptions;
import com.google.cloud.storage.Blob;
import com.google.cloud.storage.BlobId;
import com.google.cloud.storage.BlobInfo;
import com.google.cloud.storage.Bucket;
import com.google.cloud.storage.CopyWriter;
import com.google.cloud.storage.HttpStorageOptions;
import com.google.cloud.storage.Storage;
import com.google.cloud.storage.StorageException;
import com.google.cloud.storage.StorageOptions;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * The object store on Google Cloud Storage, through the official Java client over its JSON API
 * ({@link StorageOptions#http()}). Object names are those of {@link S3ObjectStore}: {@code
 * <prefix>/staging/<uuid>}, {@code <prefix>/tenants/<tenant>/<ab>/<sha256>}, {@code
 * <prefix>/quarantine/...} and {@code <prefix>/results/<tenant>/<job>/<attempt>.ndjson}; URIs are
 * {@code gs://<bucket>/<name>}.
 *
 * <p>Staging is a resumable upload fed from the stream one chunk at a time, so an upload holds one
 * chunk of heap and nothing on local disk whatever its size. The object appears only when the
 * upload is finalised: on a failure the channel is dropped without finalising, so nothing becomes
 * visible. The client offers no call to cancel an unfinalised session; such a session is not
 * listable and Cloud Storage discards it a week after it began, which is the platform's own
 * cleanup. {@link #removeAbandonedStaging} removes what it can see: finalised staging objects that
 * were never promoted (a server that stopped between the upload and its registration).
 *
 * <p>Promotion is a server-side rewrite followed by deleting the staging object (Cloud Storage has
 * no rename); when the content address already holds the same bytes, a metadata update renews its
 * {@code updated} time instead, which is what {@link #lastModified} reports and the orphan sweep
 * reads. Every failure of the service surfaces as an {@link IOException} that names the bucket.
 */
public class GcsObjectStore implements ObjectStore, AutoCloseable {

  private static final Logger LOG = Logger.getLogger(GcsObjectStore.class.getName());
  private static final int COPY_BUFFER = 64 * 1024;
  private static final int HTTP_PRECONDITION_FAILED = 412;
  private static final int HTTP_RANGE_NOT_SATISFIABLE = 416;
  private static final String CONFIRMED = "fileparser-confirmed-at";
  private static final String CONTENT_TYPE = "application/octet-stream";

  private final GcsSettings settings;
  private final Storage storage;
  private final String credentialsProblem;
  private final BucketKeys keys;
  private final Clock clock;

  /** Builds a client for {@code settings}; {@link #close()} releases it. */
  public GcsObjectStore(GcsSettings settings) {
    this.settings = settings;
    this.keys = new BucketKeys("gs", settings.bucket(), settings.prefix());
    this.clock = Clock.systemUTC();
    Storage service = null;
    String problem = null;
    try {
      service = newService(settings, credentials(settings));
    } catch (IOException e) {
      // Not fatal to the deployment: health reports the store down with this reason, and every
      // upload is refused with a storage problem until the credentials are fixed.
      problem = e.getMessage();
      LOG.log(Level.SEVERE, "Cloud Storage store unusable: " + problem, e);
    }
    this.storage = service;
    this.credentialsProblem = problem;
  }

  /** Over a given client (tests: the client's in-memory helper) and clock. */
  GcsObjectStore(GcsSettings settings, Storage storage, Clock clock) {
    this.settings = settings;
    this.storage = storage;
    this.credentialsProblem = null;
    this.keys = new BucketKeys("gs", settings.bucket(), settings.prefix());
    this.clock = clock;
  }

  @Override
  public StagedObject stage(InputStream content) throws IOException {
    String name = keys.newStaging();
    BlobInfo info =
        BlobInfo.newBuilder(settings.bucket(), name).setContentType(CONTENT_TYPE).build();
    WriteChannel channel;
    try {
      channel = service().writer(info, writeOptions());
      channel.setChunkSize(settings.chunkSizeBytes());
    } catch (StorageException e) {
      throw failure("could not start the upload of " + name, e);
    }
    boolean finalised = false;
    try {
      long size = 0;
      byte[] buffer = new byte[COPY_BUFFER];
      for (int n; (n = content.read(buffer)) != -1; ) {
        write(channel, name, ByteBuffer.wrap(buffer, 0, n));
        size += n;
      }
      try {
        channel.close(); // finalises the upload: only now does the object exist
      } catch (IOException | StorageException e) {
        throw failure("could not finish the upload of " + name, e);
      }
      finalised = true;
      return new StagedObject(name, size);
    } finally {
      if (!finalised) {
        // Closing would finalise what was sent so far as an object; the session is dropped
        // instead. The delete covers a finalisation that got through before the failure.
        deleteQuietly(name);
      }
    }
  }

  private static void write(WriteChannel channel, String name, ByteBuffer bytes)
      throws IOException {
    try {
      while (bytes.hasRemaining()) {
        channel.write(bytes);
      }
    } catch (IOException | StorageException e) {
      throw new IOException("could not upload " + name + ": " + e.getMessage(), e);
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
    String name = keys.staged(staged);
    try {
      return reading(name, service().reader(BlobId.of(settings.bucket(), name)));
    } catch (StorageException e) {
      throw failure("could not read staged object " + name, e);
    }
  }

  private URI copyTo(String area, StagedObject staged, String tenantId, String sha256)
      throws IOException {
    String target = keys.contentKey(area, tenantId, sha256);
    String source = keys.staged(staged);
    Storage service = service();
    try {
      Blob staging = service.get(BlobId.of(settings.bucket(), source));
      if (staging == null) {
        throw new IOException("the staged object " + source + " is gone");
      }
      Blob existing = service.get(BlobId.of(settings.bucket(), target));
      if (existing != null && sameContent(existing, staging)) {
        confirm(target);
      } else {
        try {
          rewrite(service, source, target, existing);
        } catch (StorageException e) {
          if (e.getCode() != HTTP_PRECONDITION_FAILED) {
            throw e;
          }
          // A concurrent promotion of the same bytes won the race: keep its copy.
          confirm(target);
        }
      }
    } catch (StorageException e) {
      throw failure("could not promote " + source + " to " + target, e);
    }
    deleteQuietly(source);
    return keys.uri(target);
  }

  /** The rewrite may take several calls for a large object or a change of KMS key. */
  private void rewrite(Storage service, String source, String target, Blob existing) {
    BlobInfo targetInfo =
        BlobInfo.newBuilder(settings.bucket(), target).setContentType(CONTENT_TYPE).build();
    Storage.BlobTargetOption precondition =
        existing == null
            ? Storage.BlobTargetOption.doesNotExist()
            : Storage.BlobTargetOption.generationMatch(existing.getGeneration());
    Storage.CopyRequest.Builder request =
        Storage.CopyRequest.newBuilder()
            .setSource(BlobId.of(settings.bucket(), source))
            .setTarget(targetInfo, targetOptions(precondition));
    CopyWriter copy = service.copy(request.build());
    while (!copy.isDone()) {
      copy.copyChunk();
    }
  }

  private static boolean sameContent(Blob existing, Blob staging) {
    return existing.getSize() != null
        && existing.getSize().equals(staging.getSize())
        && existing.getCrc32c() != null
        && existing.getCrc32c().equals(staging.getCrc32c());
  }

  /**
   * Marks an existing object as just promoted again: a metadata update renews its {@code updated}
   * time, and the orphan sweep spares objects younger than its grace period.
   */
  private void confirm(String target) throws IOException {
    Blob updated =
        service()
            .update(
                BlobInfo.newBuilder(settings.bucket(), target)
                    .setMetadata(Map.of(CONFIRMED, clock.instant().toString()))
                    .build());
    if (updated == null) {
      throw new IOException("the stored copy vanished during promotion: " + keys.uri(target));
    }
  }

  @Override
  public void discard(StagedObject staged) {
    deleteQuietly(keys.staged(staged));
  }

  @Override
  public void delete(URI uri) throws IOException {
    String name = keys.own(uri);
    try {
      service().delete(BlobId.of(settings.bucket(), name));
    } catch (StorageException e) {
      throw failure("could not delete " + uri, e);
    }
  }

  @Override
  public boolean exists(URI uri) {
    String name = keys.own(uri);
    try {
      return service().get(BlobId.of(settings.bucket(), name)) != null;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (StorageException e) {
      throw new UncheckedIOException(failure("could not look up " + uri, e));
    }
  }

  @Override
  public URI resultLocation(String tenantId, UUID jobId, int attempt) {
    return keys.uri(keys.tenantArea("results", tenantId) + jobId + "/" + attempt + ".ndjson");
  }

  /**
   * Reads the object's current generation from {@code offset} on: the metadata first (a missing
   * object is {@link NoSuchFileException} and an offset at or past the end gives no bytes, as with
   * the other stores), then a ranged read of exactly that generation.
   */
  @Override
  public InputStream open(URI uri, long offset) throws IOException {
    if (offset < 0) {
      throw new IllegalArgumentException("negative offset: " + offset);
    }
    String name = keys.own(uri);
    Storage service = service();
    try {
      Blob blob = service.get(BlobId.of(settings.bucket(), name));
      if (blob == null) {
        throw new NoSuchFileException(uri.toString());
      }
      if (blob.getSize() != null && offset >= blob.getSize()) {
        return InputStream.nullInputStream();
      }
      ReadChannel reader = service.reader(BlobId.of(settings.bucket(), name, blob.getGeneration()));
      try {
        reader.seek(offset);
      } catch (IOException | RuntimeException e) {
        reader.close();
        throw e;
      }
      return reading(name, reader);
    } catch (StorageException e) {
      if (e.getCode() == HTTP_RANGE_NOT_SATISFIABLE) {
        return InputStream.nullInputStream();
      }
      throw failure("could not read " + uri, e);
    }
  }

  /**
   * Removes finalised staging objects created before {@code now - olderThan} that {@code
   * references} does not name (a file waiting for the scanner, a resumable upload's chunks);
   * returns how many. Unfinalised resumable sessions are not listable and expire on Google's side
   * after a week.
   */
  @Override
  public int removeAbandonedStaging(Duration olderThan, StagingReferences references)
      throws IOException {
    if (olderThan.isNegative()) {
      // It would remove the uploads that other servers are finishing right now.
      throw new IllegalArgumentException("negative age: " + olderThan);
    }
    Instant cutoff = clock.instant().minus(olderThan);
    String staging = keys.stagingArea();
    List<Blob> old = new ArrayList<>();
    try {
      Page<Blob> page = service().list(settings.bucket(), Storage.BlobListOption.prefix(staging));
      for (Blob blob : page.iterateAll()) {
        Instant created = createdAt(blob);
        if (keys.isStaging(blob.getName()) && created != null && created.isBefore(cutoff)) {
          old.add(blob);
        }
      }
      int removed = 0;
      for (Blob blob : references.unnamed(old, Blob::getName)) {
        if (service().delete(BlobId.of(settings.bucket(), blob.getName(), blob.getGeneration()))) {
          removed++;
        }
      }
      return removed;
    } catch (StorageException e) {
      throw failure("could not remove abandoned staging objects under " + staging, e);
    }
  }

  @Override
  public Stream<ListedObject> contentObjects() throws IOException {
    Storage service = service();
    return Stream.of("tenants", "quarantine").flatMap(area -> listed(service, area));
  }

  /** The objects under one area, listed page by page as the stream is read. */
  private Stream<ListedObject> listed(Storage service, String area) {
    String areaPrefix = keys.prefix() + area + "/";
    Iterator<Blob> blobs;
    try {
      blobs =
          service
              .list(settings.bucket(), Storage.BlobListOption.prefix(areaPrefix))
              .iterateAll()
              .iterator();
    } catch (StorageException e) {
      throw new UncheckedIOException(failure("could not list " + areaPrefix, e));
    }
    return ObjectListings.lazily(
            blobs, StorageException.class, e -> failure("could not list " + areaPrefix, e))
        .flatMap(
            blob ->
                BucketKeys.content(areaPrefix, blob.getName())
                    .map(
                        key ->
                            new ListedObject(
                                keys.uri(blob.getName()),
                                key.tenantId(),
                                key.sha256(),
                                updatedAt(blob)))
                    .stream());
  }

  @Override
  public Optional<Instant> lastModified(URI uri) throws IOException {
    String name = keys.own(uri);
    try {
      Blob blob = service().get(BlobId.of(settings.bucket(), name));
      return blob == null ? Optional.empty() : Optional.ofNullable(updatedAt(blob));
    } catch (StorageException e) {
      throw failure("could not look up " + uri, e);
    }
  }

  /** The bucket answers to these credentials; nothing is written. */
  @Override
  public void checkWritable() throws IOException {
    try {
      Bucket bucket =
          service()
              .get(settings.bucket(), Storage.BucketGetOption.fields(Storage.BucketField.NAME));
      if (bucket == null) {
        throw new IOException("bucket " + settings.bucket() + " does not exist");
      }
    } catch (StorageException e) {
      throw failure("the bucket does not answer", e);
    }
  }

  @Override
  public String describe() {
    return "Cloud Storage bucket "
        + settings.bucket()
        + (keys.prefix().isEmpty() ? "" : " under " + settings.prefix())
        + (settings.kmsKeyName() == null ? "" : " encrypted with " + settings.kmsKeyName())
        + (settings.endpoint() == null ? "" : " at " + settings.endpoint());
  }

  /** Releases the client. */
  @Override
  public void close() {
    if (storage != null) {
      try {
        storage.close();
      } catch (Exception e) {
        LOG.log(Level.WARNING, "closing the Cloud Storage client failed", e);
      }
    }
  }

  private Storage service() throws IOException {
    if (storage == null) {
      throw new IOException(
          "Cloud Storage bucket " + settings.bucket() + " cannot be used: " + credentialsProblem);
    }
    return storage;
  }

  private Storage.BlobWriteOption[] writeOptions() {
    return settings.kmsKeyName() == null
        ? new Storage.BlobWriteOption[] {Storage.BlobWriteOption.doesNotExist()}
        : new Storage.BlobWriteOption[] {
          Storage.BlobWriteOption.doesNotExist(),
          Storage.BlobWriteOption.kmsKeyName(settings.kmsKeyName())
        };
  }

  private Storage.BlobTargetOption[] targetOptions(Storage.BlobTargetOption precondition) {
    return settings.kmsKeyName() == null
        ? new Storage.BlobTargetOption[] {precondition}
        : new Storage.BlobTargetOption[] {
          precondition, Storage.BlobTargetOption.kmsKeyName(settings.kmsKeyName())
        };
  }

  /** Reads through {@code reader}, turning the client's unchecked failures into IOExceptions. */
  private InputStream reading(String name, ReadChannel reader) {
    return new FilterInputStream(Channels.newInputStream(reader)) {
      @Override
      public int read() throws IOException {
        try {
          return super.read();
        } catch (StorageException e) {
          throw failure("could not read " + name, e);
        }
      }

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        try {
          return super.read(b, off, len);
        } catch (StorageException e) {
          throw failure("could not read " + name, e);
        } catch (IOException e) {
          if (e.getCause() instanceof StorageException cause
              && cause.getCode() == HTTP_RANGE_NOT_SATISFIABLE) {
            return -1;
          }
          throw new IOException("could not read " + name + ": " + e.getMessage(), e);
        }
      }
    };
  }

  private void deleteQuietly(String name) {
    if (storage == null) {
      return;
    }
    try {
      storage.delete(BlobId.of(settings.bucket(), name));
    } catch (StorageException e) {
      LOG.log(Level.WARNING, "could not delete gs://" + settings.bucket() + "/" + name, e);
    }
  }

  private IOException failure(String what, Exception e) {
    String reason =
        e instanceof StorageException se && se.getCode() > 0
            ? "HTTP " + se.getCode() + " " + se.getMessage()
            : e.getMessage();
    return new IOException(
        what + " (Cloud Storage bucket " + settings.bucket() + "): " + reason, e);
  }

  private static Instant updatedAt(Blob blob) {
    OffsetDateTime updated = blob.getUpdateTimeOffsetDateTime();
    return updated != null ? updated.toInstant() : createdAt(blob);
  }

  private static Instant createdAt(Blob blob) {
    OffsetDateTime created = blob.getCreateTimeOffsetDateTime();
    return created == null ? null : created.toInstant();
  }

  /** A service-account key file when one is given, else Application Default Credentials. */
  private static Credentials credentials(GcsSettings settings) throws IOException {
    if (settings.hasCredentialsFile()) {
      try (InputStream in = Files.newInputStream(settings.credentialsFile())) {
        return GoogleCredentials.fromStream(in);
      } catch (IOException e) {
        throw new IOException(
            "cannot read the service-account key fileparser.storage.gcs.credentials-file="
                + settings.credentialsFile()
                + ": "
                + e.getMessage(),
            e);
      }
    }
    try {
      return GoogleCredentials.getApplicationDefault();
    } catch (IOException e) {
      if (settings.endpoint() != null) {
        // A test server on loopback (the only kind a plain endpoint may name) wants none.
        LOG.info("no Application Default Credentials; calling " + settings.endpoint() + " without");
        return NoCredentials.getInstance();
      }
      throw new IOException(
          "no Google credentials: set fileparser.storage.gcs.credentials-file to a"
              + " service-account key, or provide Application Default Credentials"
              + " (GOOGLE_APPLICATION_CREDENTIALS, gcloud auth application-default login, or the"
              + " metadata server of the VM or GKE pod)",
          e);
    }
  }

  private static Storage newService(GcsSettings settings, Credentials credentials) {
    HttpStorageOptions.Builder options =
        StorageOptions.http()
            .setCredentials(credentials)
            .setTransportOptions(
                HttpTransportOptions.newBuilder()
                    .setConnectTimeout(10_000)
                    .setReadTimeout(60_000)
                    .build())
            // The default retries for up to 50 s, long past what an upload or a health check can
            // wait; three attempts over a few seconds ride out a blip, then the failure is
            // reported and the caller's own retry (the client's, or the job's) takes over.
            .setRetrySettings(
                StorageOptions.getDefaultRetrySettings().toBuilder()
                    .setMaxAttempts(3)
                    .setInitialRetryDelayDuration(Duration.ofMillis(500))
                    .setRetryDelayMultiplier(2.0)
                    .setMaxRetryDelayDuration(Duration.ofSeconds(4))
                    .setTotalTimeoutDuration(Duration.ofSeconds(20))
                    .build());
    if (settings.project() != null) {
      options.setProjectId(settings.project());
    }
    if (settings.endpoint() != null) {
      options.setHost(settings.endpoint().toString());
    }
    return options.build().getService();
  }
}
