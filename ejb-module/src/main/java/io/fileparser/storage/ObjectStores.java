package io.fileparser.storage;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
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

  @Produces
  @ApplicationScoped
  ObjectStore objectStore() {
    String keys =
        localKeys.orElseThrow(
            () ->
                new IllegalStateException(
                    "fileparser.storage.local.keys is not set: the local store encrypts at rest"
                        + " and needs at least one AES-256 key (id=base64)"));
    KeyRing ring =
        KeyRing.parse(keys, activeKey.orElseGet(() -> keys.substring(0, keys.indexOf('='))));
    LOG.info(() -> "object store: encrypted local files in " + localRoot + " with " + ring);
    return new LocalFileStore(Path.of(localRoot), ring);
  }
}
