package io.fileparser.storage;

import io.fileparser.tenancy.TenantId;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The object store on a local (or shared, mounted) file system, encrypted at rest with AES-256-GCM
 * in chunks ({@link ChunkedAesGcm}), so writes and reads stream and a read can start anywhere.
 * Staging files live in {@code staging/} beside the objects so the promotion is an atomic rename on
 * the same file system (a crash never leaves a half object visible); objects are laid out as {@code
 * tenants/<tenant>/<ab>/<sha256>}, worker results as {@code
 * results/<tenant>/<job>/<attempt>.ndjson}.
 */
public class LocalFileStore implements ObjectStore {

  private static final Logger LOG = Logger.getLogger(LocalFileStore.class.getName());
  private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
  private static final Pattern STAGING_KEY = Pattern.compile("[0-9a-f-]{36}\\.part");
  private static final int BUFFER = 64 * 1024;
  private static final List<String> CONTENT_AREAS = List.of("tenants", "quarantine");

  private final Path root;
  private final KeyRing keys;
  private final LocalPartedStaging parted;

  public LocalFileStore(Path root, KeyRing keys) {
    this.root = root.toAbsolutePath().normalize();
    this.keys = keys;
    this.parted = new LocalPartedStaging(this, keys);
  }

  @Override
  public StagedObject stage(InputStream content) throws IOException {
    Path staging = Files.createDirectories(root.resolve("staging"));
    String key = UUID.randomUUID() + ".part";
    Path file = staging.resolve(key);
    long size = 0;
    try (FileChannel channel =
        FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      // Closing the cipher stream seals the last chunk; the channel stays open to be forced.
      OutputStream sink =
          new FilterOutputStream(Channels.newOutputStream(channel)) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
              out.write(b, off, len);
            }

            @Override
            public void close() throws IOException {
              flush();
            }
          };
      try (OutputStream out = ChunkedAesGcm.encrypting(sink, keys, ChunkedAesGcm.DEFAULT_CHUNK)) {
        byte[] buffer = new byte[BUFFER];
        for (int n; (n = content.read(buffer)) != -1; ) {
          out.write(buffer, 0, n);
          size += n;
        }
      }
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
    return moveTo("tenants", staged, tenantId, sha256);
  }

  @Override
  public URI quarantine(StagedObject staged, String tenantId, String sha256) throws IOException {
    return moveTo("quarantine", staged, tenantId, sha256);
  }

  @Override
  public InputStream openStaged(StagedObject staged) throws IOException {
    FileChannel channel = FileChannel.open(stagingPath(staged), StandardOpenOption.READ);
    try {
      return ChunkedAesGcm.decrypting(channel, keys, 0);
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
  }

  /**
   * A hard link under a new staging name: the bytes are shared, never copied (a staged object is
   * never written again in place: a promotion renames, a discard unlinks; only the staging files of
   * {@link LocalPartedStaging} grow, and they are never linked); a copy where the file system has
   * no hard links. Its modification time is now, as for a file just staged, so that neither sweep
   * takes it (or what it is promoted to) for left over while it is registered.
   */
  @Override
  public StagedObject copyStaged(StagedObject staged) throws IOException {
    Path source = stagingPath(staged);
    String key = UUID.randomUUID() + ".part";
    Path link = source.resolveSibling(key);
    try {
      Files.createLink(link, source);
    } catch (NoSuchFileException e) {
      throw e;
    } catch (UnsupportedOperationException | FileSystemException e) {
      // A file system without hard links (some network mounts): stage a copy.
      return ObjectStore.super.copyStaged(staged);
    }
    try {
      Files.setLastModifiedTime(link, FileTime.from(Instant.now()));
    } catch (IOException | RuntimeException e) {
      deleteQuietly(link);
      throw e;
    }
    return new StagedObject(key, staged.size());
  }

  private URI moveTo(String area, StagedObject staged, String tenantId, String sha256)
      throws IOException {
    if (!SHA256.matcher(sha256).matches()) {
      throw new IllegalArgumentException("not a SHA-256 hex digest");
    }
    Path source = stagingPath(staged);
    Path target = tenantDirectory(area, tenantId).resolve(sha256.substring(0, 2)).resolve(sha256);
    Files.createDirectories(target.getParent());
    if (Files.exists(target)) {
      deleteQuietly(source);
      return confirmed(target);
    }
    try {
      Files.move(source, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (FileAlreadyExistsException | AtomicMoveNotSupportedException e) {
      // A concurrent upload of the same bytes won the race: keep its copy.
      if (Files.exists(target)) {
        deleteQuietly(source);
        return confirmed(target);
      } else {
        throw e;
      }
    }
    return target.toUri();
  }

  /**
   * Marks an existing object as just promoted again: the orphan sweep spares objects younger than
   * its grace period, which covers the registration that follows.
   */
  private static URI confirmed(Path target) throws IOException {
    try {
      Files.setLastModifiedTime(target, FileTime.from(Instant.now()));
    } catch (NoSuchFileException e) {
      throw new IOException("the stored copy vanished during promotion: " + target, e);
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
      return ChunkedAesGcm.decrypting(channel, keys, offset);
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
  }

  /**
   * Removes staging files older than {@code olderThan} that nothing names: what a crash mid-upload
   * left behind. A file waiting for the virus scanner, or a resumable upload's chunks, may be older
   * and are kept while {@code references} names them.
   */
  @Override
  public int removeAbandonedStaging(java.time.Duration olderThan, StagingReferences references)
      throws IOException {
    if (olderThan.isNegative()) {
      // It would remove the uploads streaming in right now.
      throw new IllegalArgumentException("negative age: " + olderThan);
    }
    Path staging = root.resolve("staging");
    if (!Files.isDirectory(staging)) {
      return 0;
    }
    java.time.Instant limit = java.time.Instant.now().minus(olderThan);
    List<Path> old = new ArrayList<>();
    try (var files = Files.list(staging)) {
      for (Path file : (Iterable<Path>) files::iterator) {
        if (STAGING_KEY.matcher(file.getFileName().toString()).matches()
            && modifiedBefore(file, limit)) {
          old.add(file);
        }
      }
    }
    int removed = 0;
    for (Path file : references.unnamed(old, path -> path.getFileName().toString())) {
      if (Files.deleteIfExists(file)) {
        removed++;
      }
    }
    return removed;
  }

  private static boolean modifiedBefore(Path file, java.time.Instant limit) throws IOException {
    try {
      return Files.getLastModifiedTime(file).toInstant().isBefore(limit);
    } catch (NoSuchFileException e) {
      return false; // promoted or discarded while we listed
    }
  }

  @Override
  public Stream<ListedObject> contentObjects() throws IOException {
    List<Stream<ListedObject>> areas = new ArrayList<>();
    try {
      for (String area : CONTENT_AREAS) {
        Path dir = root.resolve(area);
        if (Files.isDirectory(dir)) {
          areas.add(
              Files.walk(dir, 3)
                  .filter(file -> dir.relativize(file).getNameCount() == 3)
                  .map(file -> listed(dir, file))
                  .flatMap(Optional::stream));
        }
      }
    } catch (IOException | RuntimeException e) {
      areas.forEach(Stream::close);
      throw e;
    }
    return areas.stream().reduce(Stream.empty(), Stream::concat);
  }

  /** {@code <area>/<tenant>/<ab>/<sha256>} as a listed object; empty for anything else there. */
  private static Optional<ListedObject> listed(Path area, Path file) {
    Path relative = area.relativize(file);
    String tenant = relative.getName(0).toString();
    String sha256 = relative.getName(2).toString();
    if (!SHA256.matcher(sha256).matches()
        || !relative.getName(1).toString().equals(sha256.substring(0, 2))
        || !TenantId.isValid(tenant)) {
      return Optional.empty();
    }
    try {
      BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
      if (!attributes.isRegularFile()) {
        return Optional.empty();
      }
      return Optional.of(
          new ListedObject(
              file.toUri(), tenant, sha256, attributes.lastModifiedTime().toInstant()));
    } catch (NoSuchFileException e) {
      return Optional.empty(); // removed while we listed
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public Optional<Instant> lastModified(URI uri) throws IOException {
    try {
      return Optional.of(Files.getLastModifiedTime(ownPath(uri)).toInstant());
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
  }

  @Override
  public void checkWritable() throws IOException {
    Path staging = root.resolve("staging");
    if (!Files.isDirectory(root)) {
      throw new NoSuchFileException(root.toString(), null, "the store's root is not a directory");
    }
    if (Files.isDirectory(staging) ? !Files.isWritable(staging) : !Files.isWritable(root)) {
      throw new java.nio.file.AccessDeniedException(
          Files.isDirectory(staging) ? staging.toString() : root.toString(),
          null,
          "the store cannot be written");
    }
  }

  @Override
  public String describe() {
    return "encrypted local files in " + root;
  }

  /**
   * The parts of a resumable upload appended, encrypted, to one staging file ({@link
   * LocalPartedStaging}): the complete upload is that file, not chunks joined at the end.
   */
  @Override
  public Optional<PartedStaging> partedStaging() {
    return Optional.of(parted);
  }

  /** The root directory, for health checks and documentation. */
  public Path root() {
    return root;
  }

  /** A tenant's own directory under {@code area}; a tenant id can never name another place. */
  private Path tenantDirectory(String area, String tenantId) {
    Path dir = root.resolve(area).resolve(TenantId.require(tenantId)).normalize();
    if (!dir.getParent().equals(root.resolve(area))) {
      throw new IllegalArgumentException("tenant id escapes its directory: " + tenantId);
    }
    return dir;
  }

  private Path stagingPath(StagedObject staged) {
    return stagingPath(staged.key());
  }

  Path stagingPath(String key) {
    if (!STAGING_KEY.matcher(key).matches()) {
      throw new IllegalArgumentException("not a staging key of this store");
    }
    return root.resolve("staging").resolve(key);
  }

  /** Where a new staging file of that key goes, its directory created. */
  Path newStagingPath(String key) throws IOException {
    Files.createDirectories(root.resolve("staging"));
    return stagingPath(key);
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
