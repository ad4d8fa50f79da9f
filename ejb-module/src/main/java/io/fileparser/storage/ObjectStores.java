package io.fileparser.storage;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Chooses the object store from configuration: S3 when an S3 bucket is configured, Google Cloud
 * Storage when a GCS bucket is, else the encrypted local file store. Naming both buckets is
 * refused: the API and its workers must agree on one store.
 */
@ApplicationScoped
public class ObjectStores {

  private static final Logger LOG = Logger.getLogger(ObjectStores.class.getName());

  @Inject
  @ConfigProperty(name = "fileparser.storage.local.root")
  String localRoot;

  @Inject
  @ConfigProperty(name = "fileparser.storage.local.keys")
  Optional<String> localKeys;

  @Inject
  @ConfigProperty(name = "fileparser.storage.local.active-key")
  Optional<String> activeKey;

  @Inject
  @ConfigProperty(name = "fileparser.storage.s3.bucket")
  Optional<String> bucket;

  @Inject
  @ConfigProperty(name = "fileparser.storage.s3.endpoint")
  Optional<String> endpoint;

  @Inject
  @ConfigProperty(name = "fileparser.storage.s3.region", defaultValue = "us-east-1")
  String region;

  @Inject
  @ConfigProperty(name = "fileparser.storage.s3.prefix")
  Optional<String> prefix;

  @Inject
  @ConfigProperty(name = "fileparser.storage.s3.path-style", defaultValue = "true")
  boolean pathStyle;

  @Inject
  @ConfigProperty(name = "fileparser.storage.s3.access-key-id")
  Optional<String> accessKeyId;

  @Inject
  @ConfigProperty(name = "fileparser.storage.s3.secret-access-key")
  Optional<String> secretAccessKey;

  @Inject
  @ConfigProperty(name = "fileparser.storage.s3.sse")
  Optional<String> serverSideEncryption;

  @Inject
  @ConfigProperty(name = "fileparser.storage.s3.kms-key-id")
  Optional<String> kmsKeyId;

  @Inject
  @ConfigProperty(name = "fileparser.storage.s3.part-size-bytes", defaultValue = "8388608")
  int partSize;

  @Inject
  @ConfigProperty(name = "fileparser.storage.gcs.bucket")
  Optional<String> gcsBucket;

  @Inject
  @ConfigProperty(name = "fileparser.storage.gcs.project")
  Optional<String> gcsProject;

  @Inject
  @ConfigProperty(name = "fileparser.storage.gcs.credentials-file")
  Optional<String> gcsCredentialsFile;

  @Inject
  @ConfigProperty(name = "fileparser.storage.gcs.prefix")
  Optional<String> gcsPrefix;

  @Inject
  @ConfigProperty(name = "fileparser.storage.gcs.kms-key-name")
  Optional<String> gcsKmsKeyName;

  @Inject
  @ConfigProperty(name = "fileparser.storage.gcs.endpoint")
  Optional<String> gcsEndpoint;

  @Inject
  @ConfigProperty(name = "fileparser.storage.gcs.chunk-size-bytes", defaultValue = "8388608")
  int gcsChunkSize;

  /**
   * Checks the storage settings when the application starts, so a deployment with an unusable store
   * configuration (two buckets, plain http to a remote endpoint, a malformed prefix) fails at once
   * with the reason instead of at the first upload.
   */
  void checkAtStart(@Observes @Initialized(ApplicationScoped.class) Object started) {
    if (isGcs()) {
      gcsSettings();
    }
  }

  @Produces
  @ApplicationScoped
  ObjectStore objectStore() {
    if (isGcs()) {
      GcsSettings settings = gcsSettings();
      LOG.info(() -> "object store: Google Cloud Storage " + settings);
      return new GcsObjectStore(settings);
    }
    if (isS3()) {
      S3Settings settings =
          new S3Settings(
              endpoint.filter(e -> !e.isBlank()).map(URI::create).orElse(null),
              region,
              bucket.get(),
              prefix.orElse(""),
              pathStyle,
              accessKeyId.orElse(null),
              secretAccessKey.orElse(null),
              serverSideEncryption.filter(s -> !s.isBlank()).orElse(null),
              kmsKeyId.filter(s -> !s.isBlank()).orElse(null),
              partSize);
      LOG.info(() -> "object store: S3 " + settings);
      return new S3ObjectStore(settings);
    }
    KeyRing ring = localKeyRing();
    LOG.info(() -> "object store: encrypted local files in " + localRoot + " with " + ring);
    return new LocalFileStore(Path.of(localRoot), ring);
  }

  /**
   * The buffers of resumable uploads whose parts go to {@link PartedStaging}: under the local root,
   * encrypted with the local store's keys, whichever object store holds the files. Dependent (a
   * final class, not proxied): its one user is application-scoped, and it holds no state.
   */
  @Produces
  LocalBuffers localBuffers() {
    return new LocalBuffers(
        new LocalFileStore(Path.of(localRoot).resolve("buffers"), localKeyRing()));
  }

  private KeyRing localKeyRing() {
    String keys =
        localKeys.orElseThrow(
            () ->
                new IllegalStateException(
                    "fileparser.storage.local.keys is not set: the local store encrypts at rest"
                        + " and needs at least one AES-256 key (id=base64)"));
    return KeyRing.parse(keys, activeKey.orElse(null));
  }

  private boolean isS3() {
    return bucket.isPresent() && !bucket.get().isBlank();
  }

  /** Whether GCS is configured; refuses a configuration that names an S3 bucket too. */
  private boolean isGcs() {
    boolean gcs = gcsBucket.isPresent() && !gcsBucket.get().isBlank();
    if (gcs && isS3()) {
      throw new IllegalStateException(
          "both fileparser.storage.s3.bucket and fileparser.storage.gcs.bucket are set: configure"
              + " one object store");
    }
    return gcs;
  }

  private GcsSettings gcsSettings() {
    return new GcsSettings(
        gcsBucket.orElseThrow().strip(),
        gcsProject.orElse(null),
        gcsCredentialsFile.filter(f -> !f.isBlank()).map(Path::of).orElse(null),
        gcsPrefix.orElse(""),
        gcsKmsKeyName.orElse(null),
        gcsEndpoint.filter(e -> !e.isBlank()).map(URI::create).orElse(null),
        gcsChunkSize);
  }

  void close(@jakarta.enterprise.inject.Disposes ObjectStore store) {
    if (store instanceof AutoCloseable closeable) {
      try {
        closeable.close();
      } catch (Exception e) {
        LOG.log(java.util.logging.Level.WARNING, "closing the object store failed", e);
      }
    }
  }
}
