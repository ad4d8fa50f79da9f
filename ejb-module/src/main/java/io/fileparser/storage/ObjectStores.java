package io.fileparser.storage;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Chooses the object store from configuration: S3 when a bucket is configured, else the encrypted
 * local file store.
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

  @Produces
  @ApplicationScoped
  ObjectStore objectStore() {
    if (bucket.isPresent() && !bucket.get().isBlank()) {
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
    String keys =
        localKeys.orElseThrow(
            () ->
                new IllegalStateException(
                    "fileparser.storage.local.keys is not set: the local store encrypts at rest"
                        + " and needs at least one AES-256 key (id=base64)"));
    KeyRing ring = KeyRing.parse(keys, activeKey.orElse(null));
    LOG.info(() -> "object store: encrypted local files in " + localRoot + " with " + ring);
    return new LocalFileStore(Path.of(localRoot), ring);
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
