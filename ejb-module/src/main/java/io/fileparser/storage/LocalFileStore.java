package io.fileparser.storage;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The object store on a local (or shared, mounted) file system. Staging files live in {@code
 * staging/} beside the objects so the promotion is an atomic rename on the same file system;
 * objects are laid out as {@code tenants/<tenant>/<ab>/<sha256>}.
 */
@ApplicationScoped
public class LocalFileStore implements ObjectStore {

  private static final Logger LOG = Logger.getLogger(LocalFileStore.class.getName());
  private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
  private static final Pattern TENANT_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
  private static final Pattern STAGING_KEY = Pattern.compile("[0-9a-f-]{36}\\.part");
  private static final int BUFFER = 64 * 1024;

  private final Path root;

  @Inject
  public LocalFileStore(@ConfigProperty(name = "fileparser.storage.local.root") String root) {
    this.root = Path.of(root).toAbsolutePath().normalize();
  }

  /** For CDI proxies only. */
  protected LocalFileStore() {
    this.root = null;
  }

  @Override
  public StagedObject stage(InputStream content) throws IOException {
    Path staging = Files.createDirectories(root.resolve("staging"));
    String key = UUID.randomUUID() + ".part";
    Path file = staging.resolve(key);
    long size = 0;
    try (FileChannel channel =
            FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        OutputStream out = Channels.newOutputStream(channel)) {
      byte[] buffer = new byte[BUFFER];
      for (int n; (n = content.read(buffer)) != -1; ) {
        out.write(buffer, 0, n);
        size += n;
      }
      out.flush();
      // Durable before it can be promoted and acknowledged to the client.
      channel.force(true);
    } catch (IOException | RuntimeException e) {
      deleteQuietly(file);
      throw e;
    }
    return new StagedObject(key, size);
  }

  @Override
  public URI promote(StagedObject staged, String tenantId, String sha256) throws IOException {
    if (!SHA256.matcher(sha256).matches()) {
      throw new IllegalArgumentException("not a SHA-256 hex digest");
    }
    Path source = stagingPath(staged);
    Path target =
        tenantDirectory("tenants", tenantId).resolve(sha256.substring(0, 2)).resolve(sha256);
    Files.createDirectories(target.getParent());
    if (Files.exists(target)) {
      deleteQuietly(source);
      return target.toUri();
    }
    try {
      Files.move(source, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (FileAlreadyExistsException | AtomicMoveNotSupportedException e) {
      // A concurrent upload of the same bytes won the race: keep its copy.
      if (Files.exists(target)) {
        deleteQuietly(source);
      } else {
        throw e;
      }
    }
    return target.toUri();
  }

  @Override
  public void discard(StagedObject staged) {
    deleteQuietly(stagingPath(staged));
  }

  @Override
  public void delete(URI uri) throws IOException {
    Files.deleteIfExists(ownPath(uri));
  }

  @Override
  public boolean exists(URI uri) {
    return Files.exists(ownPath(uri));
  }

  @Override
  public URI resultLocation(String tenantId, UUID jobId, int attempt) {
    return tenantDirectory("results", tenantId)
        .resolve(jobId.toString())
        .resolve(attempt + ".ndjson")
        .toUri();
  }

  @Override
  public InputStream open(URI uri, long offset) throws IOException {
    FileChannel channel = FileChannel.open(ownPath(uri), StandardOpenOption.READ);
    try {
      channel.position(offset);
      return Channels.newInputStream(channel);
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
  }

  /** The root directory, for health checks and documentation. */
  public Path root() {
    return root;
  }

  /** A tenant's own directory under {@code area}; a tenant id can never name another place. */
  private Path tenantDirectory(String area, String tenantId) {
    if (tenantId == null || !TENANT_ID.matcher(tenantId).matches()) {
      throw new IllegalArgumentException("not a tenant id: " + tenantId);
    }
    Path dir = root.resolve(area).resolve(tenantId).normalize();
    if (!dir.getParent().equals(root.resolve(area))) {
      throw new IllegalArgumentException("tenant id escapes its directory: " + tenantId);
    }
    return dir;
  }

  private Path stagingPath(StagedObject staged) {
    if (!STAGING_KEY.matcher(staged.key()).matches()) {
      throw new IllegalArgumentException("not a staging key of this store");
    }
    return root.resolve("staging").resolve(staged.key());
  }

  private Path ownPath(URI uri) {
    Path path = Path.of(uri).normalize();
    if (!path.startsWith(root)) {
      throw new IllegalArgumentException("URI is outside this store: " + uri);
    }
    return path;
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      LOG.log(Level.WARNING, "could not delete " + file, new UncheckedIOException(e));
    }
  }
}
