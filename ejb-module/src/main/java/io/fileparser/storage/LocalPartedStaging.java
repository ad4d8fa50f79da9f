package io.fileparser.storage;

import java.io.DataInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.UUID;
import javax.crypto.SecretKey;

/**
 * Parted staging on the local file store: the parts of a resumable upload appended, encrypted, to
 * one staging file in the store's format ({@link ChunkedAesGcm}), so that the complete upload is
 * that file, sealed, and nothing is joined or copied at the end.
 *
 * <p>Every part but the last is {@link #PART_BYTES}, a whole number of encryption chunks sealed as
 * not final; a part shorter than that is the last, and its last chunk is sealed final. Completion
 * seals an empty final chunk after a last part that was full (the format's readers take an empty
 * last chunk). So part {@code n} always starts at the same place in the file, and a file that holds
 * exactly the parts before it takes it by an append.
 *
 * <p>A chunk's nonce is derived from its index, so an index must never be sealed twice with other
 * bytes. A part sent again (its first sending was never recorded: the request broke off, failed its
 * checksum, or the instance died before the offset was recorded) would do exactly that; instead the
 * parts that count are sealed again into a new file under a fresh nonce prefix, which replaces the
 * old one by an atomic rename. That costs one pass over what the upload holds, once per failure.
 *
 * <p>Parts are written without forcing them to disk; {@link #makeDurable} forces them before the
 * caller records them. The caller (holding the upload's lock) is the only writer of its file.
 */
final class LocalPartedStaging implements PartedStaging {

  /** 16 encryption chunks: small enough that the bytes carried between requests stay small. */
  static final int PART_BYTES = 16 * ChunkedAesGcm.DEFAULT_CHUNK;

  private static final int CHUNK = ChunkedAesGcm.DEFAULT_CHUNK;
  private static final int CHUNKS_PER_PART = PART_BYTES / CHUNK;
  private static final long SEALED_CHUNK = CHUNK + ChunkedAesGcm.TAG_BYTES;
  private static final String NO_UPLOAD_ID = "local";

  private final LocalFileStore files;
  private final KeyRing keys;

  LocalPartedStaging(LocalFileStore files, KeyRing keys) {
    this.files = files;
    this.keys = keys;
  }

  @Override
  public int partBytes() {
    return PART_BYTES;
  }

  @Override
  public int maxParts() {
    return Integer.MAX_VALUE / CHUNKS_PER_PART; // the nonce counts chunks in 32 bits
  }

  @Override
  public boolean cheapToReadBack() {
    return true;
  }

  @Override
  public Started start() throws IOException {
    String key = UUID.randomUUID() + ".part";
    Path file = files.newStagingPath(key);
    try (FileChannel channel =
        FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      // Forced with the first parts (makeDurable), before anything names the file.
      channel.write(ByteBuffer.wrap(ChunkedAesGcm.Header.fresh(keys, CHUNK).encode()));
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(file);
      throw e;
    }
    return new Started(key, NO_UPLOAD_ID);
  }

  @Override
  public String uploadPart(Started upload, int number, byte[] bytes, int length)
      throws IOException {
    if (number < 1 || number > maxParts()) {
      throw new IOException("part " + number + " is outside 1.." + maxParts());
    }
    if (length < 0 || length > PART_BYTES) {
      throw new IOException("a part holds at most " + PART_BYTES + " bytes, not " + length);
    }
    Path file = files.stagingPath(upload.key());
    Sealed before = Sealed.of(file, keys);
    long chunksBefore = (long) (number - 1) * CHUNKS_PER_PART;
    if (before.fileSize() < before.sizeOf(chunksBefore)) {
      throw new IOException(
          "the staging file of "
              + upload.key()
              + " lacks parts before part "
              + number
              + ": it holds "
              + before.fileSize()
              + " bytes");
    }
    if (before.fileSize() > before.sizeOf(chunksBefore)) {
      before = resealed(file, before, chunksBefore, false); // a part sent again
    }
    boolean last = length < PART_BYTES;
    byte[] sealed = new byte[(int) SEALED_CHUNK]; // one chunk at a time: no copy of the part
    SecretKey key = keys.get(before.header().keyId());
    long position = before.sizeOf(chunksBefore);
    long index = chunksBefore;
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
      int off = 0;
      do {
        int n = Math.min(CHUNK, length - off);
        boolean finalChunk = last && off + n == length;
        int sealedLength =
            ChunkedAesGcm.seal(
                key,
                before.header(),
                before.encoded(),
                index++,
                finalChunk,
                bytes,
                off,
                n,
                sealed,
                0);
        writeFully(channel, ByteBuffer.wrap(sealed, 0, sealedLength), position);
        position += sealedLength;
        off += n;
      } while (off < length);
    }
    return "local-" + number;
  }

  /** Forces what {@link #uploadPart} appended to disk: the caller records the parts after this. */
  @Override
  public void makeDurable(Started upload) throws IOException {
    try (FileChannel channel =
        FileChannel.open(files.stagingPath(upload.key()), StandardOpenOption.WRITE)) {
      channel.force(true);
    }
  }

  @Override
  public StagedObject complete(Started upload, List<Part> parts) throws IOException {
    long size = 0;
    for (int i = 0; i < parts.size(); i++) {
      Part part = parts.get(i);
      if (part.number() != i + 1 || (i < parts.size() - 1 && part.size() != PART_BYTES)) {
        throw new IOException("parts must be 1..n, all but the last of " + PART_BYTES + " bytes");
      }
      size += part.size();
    }
    Path file = files.stagingPath(upload.key());
    Sealed sealed = Sealed.of(file, keys);
    boolean lastIsShort = !parts.isEmpty() && parts.get(parts.size() - 1).size() < PART_BYTES;
    long chunks = chunksOf(size, lastIsShort);
    long expected = sealed.sizeOf(chunks) - (lastIsShort ? CHUNK - lastChunkBytes(size) : 0);
    if (sealed.fileSize() < expected) {
      throw new IOException(
          "the staging file of " + upload.key() + " is shorter than its recorded parts");
    }
    if (!lastIsShort && sealed.fileSize() == expected + ChunkedAesGcm.TAG_BYTES) {
      if (sealed.endsWithEmptyFinal(file, chunks, keys)) {
        return new StagedObject(upload.key(), size); // completed before, not yet recorded
      }
    }
    if (sealed.fileSize() > expected) {
      sealed = resealed(file, sealed, chunks, lastIsShort, size); // forced to disk
    }
    if (!lastIsShort) {
      // A short last part sealed its final chunk and was made durable before it was recorded.
      try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
        byte[] empty = new byte[ChunkedAesGcm.TAG_BYTES];
        ChunkedAesGcm.seal(
            keys.get(sealed.header().keyId()),
            sealed.header(),
            sealed.encoded(),
            chunks,
            true,
            new byte[0],
            0,
            0,
            empty,
            0);
        writeFully(channel, ByteBuffer.wrap(empty), expected);
        channel.force(true);
      }
    }
    return new StagedObject(upload.key(), size);
  }

  @Override
  public void abort(Started upload) throws IOException {
    Files.deleteIfExists(files.stagingPath(upload.key()));
  }

  /** How many chunks hold {@code size} bytes whose last part ended short (sealed final) or not. */
  private static long chunksOf(long size, boolean lastIsShort) {
    if (!lastIsShort) {
      return size / CHUNK;
    }
    return Math.max(1, (size + CHUNK - 1) / CHUNK);
  }

  /** The plaintext bytes in the last chunk of {@code size} bytes (a whole chunk if it is full). */
  private static int lastChunkBytes(long size) {
    int rest = (int) (size % CHUNK);
    return rest == 0 && size > 0 ? CHUNK : rest;
  }

  /** {@link #resealed(Path, Sealed, long, boolean, long)} of whole chunks, none final. */
  private Sealed resealed(Path file, Sealed old, long chunks, boolean lastFinal)
      throws IOException {
    return resealed(file, old, chunks, lastFinal, chunks * CHUNK);
  }

  /**
   * Seals the first {@code chunks} chunks ({@code size} plaintext bytes; the last one final if
   * {@code lastFinal}) again into a new file under a fresh nonce prefix and the active key, and
   * puts it in place of {@code file}. What the old file held past them is dropped.
   */
  private Sealed resealed(Path file, Sealed old, long chunks, boolean lastFinal, long size)
      throws IOException {
    ChunkedAesGcm.Header header = ChunkedAesGcm.Header.fresh(keys, CHUNK);
    byte[] encoded = header.encode();
    SecretKey oldKey = keys.get(old.header().keyId());
    SecretKey newKey = keys.active();
    Path fresh = files.newStagingPath(UUID.randomUUID() + ".part");
    try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ);
        FileChannel out =
            FileChannel.open(fresh, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      out.write(ByteBuffer.wrap(encoded));
      byte[] sealed = new byte[(int) SEALED_CHUNK];
      long position = old.encoded().length;
      for (long i = 0; i < chunks; i++) {
        boolean last = lastFinal && i == chunks - 1;
        int plain = last ? lastChunkBytes(size) : CHUNK;
        int length = plain + ChunkedAesGcm.TAG_BYTES;
        ByteBuffer into = ByteBuffer.wrap(sealed, 0, length);
        while (into.hasRemaining()) {
          if (in.read(into, position + into.position()) < 0) {
            throw new IOException("the staging file ended inside chunk " + i);
          }
        }
        position += length;
        byte[] bytes =
            ChunkedAesGcm.open(oldKey, old.header(), old.encoded(), i, last, sealed, 0, length);
        int n =
            ChunkedAesGcm.seal(newKey, header, encoded, i, last, bytes, 0, bytes.length, sealed, 0);
        out.write(ByteBuffer.wrap(sealed, 0, n));
      }
      out.force(true);
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(fresh);
      throw e;
    }
    Files.move(fresh, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    return Sealed.of(file, keys);
  }

  private static void writeFully(FileChannel channel, ByteBuffer bytes, long position)
      throws IOException {
    while (bytes.hasRemaining()) {
      position += channel.write(bytes, position);
    }
  }

  /** A staging file's header and length. */
  private record Sealed(ChunkedAesGcm.Header header, byte[] encoded, long fileSize) {

    static Sealed of(Path file, KeyRing keys) throws IOException {
      try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
        ChunkedAesGcm.Header header =
            ChunkedAesGcm.Header.read(new DataInputStream(Channels.newInputStream(channel)));
        if (header.chunkSize() != CHUNK) {
          throw new IOException("a staging file of chunks of " + header.chunkSize());
        }
        return new Sealed(header, header.encode(), channel.size());
      }
    }

    /** The file's length when it holds {@code chunks} full chunks. */
    long sizeOf(long chunks) {
      return encoded.length + chunks * SEALED_CHUNK;
    }

    /** Whether the file ends with an empty final chunk at index {@code index}. */
    boolean endsWithEmptyFinal(Path file, long index, KeyRing keys) throws IOException {
      byte[] tag = new byte[ChunkedAesGcm.TAG_BYTES];
      try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
        ByteBuffer into = ByteBuffer.wrap(tag);
        while (into.hasRemaining()) {
          if (channel.read(into, fileSize - tag.length + into.position()) < 0) {
            return false;
          }
        }
      }
      try {
        ChunkedAesGcm.open(
            keys.get(header.keyId()), header, encoded, index, true, tag, 0, tag.length);
        return true;
      } catch (IOException e) {
        return false;
      }
    }
  }
}
