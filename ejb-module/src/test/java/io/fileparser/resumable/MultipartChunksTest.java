package io.fileparser.resumable;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fileparser.problem.ProblemException;
import io.fileparser.problem.ProblemType;
import io.fileparser.storage.KeyRing;
import io.fileparser.storage.LocalBuffers;
import io.fileparser.storage.LocalFileStore;
import io.fileparser.storage.ObjectStore;
import io.fileparser.storage.PartedStaging;
import io.fileparser.storage.StagedObject;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The part arithmetic of {@link MultipartChunks}: chunks cut into parts of {@code partBytes}, the
 * rest carried in a real encrypted buffer, nothing recorded for a chunk that fails, and a part sent
 * again under its number by the chunk after one that failed. The store's parts and the ledger are
 * in memory (the S3 side is {@code S3ObjectStoreTest}'s, the rows' the system tests').
 */
class MultipartChunksTest {

  private static final int PART = 16;
  private static final UUID ID = UUID.randomUUID();

  @TempDir Path root;

  private final FakeParts parts = new FakeParts();
  private final FakeLedger ledger = new FakeLedger();
  private final MultipartChunks chunks = new MultipartChunks();
  private UploadStatus status;
  private byte[] digestState = ResumableDigest.fresh().state();

  @BeforeEach
  void wire() {
    byte[] key = new byte[32];
    key[0] = 7;
    chunks.buffers =
        new LocalBuffers(
            new LocalFileStore(
                root, KeyRing.parse("k1=" + Base64.getEncoder().encodeToString(key), null)));
    chunks.ledger = ledger;
    chunks.store =
        (ObjectStore)
            Proxy.newProxyInstance(
                getClass().getClassLoader(),
                new Class<?>[] {ObjectStore.class},
                (proxy, method, args) ->
                    switch (method.getName()) {
                      case "partedStaging" -> Optional.of(parts);
                      case "discard" -> {
                        parts.discarded.add(((StagedObject) args[0]).key());
                        yield null;
                      }
                      default -> throw new UnsupportedOperationException(method.getName());
                    });
    status = status(0, 27L);
  }

  @Test
  void chunksFillPartsAndTheRestWaitsInAnEncryptedBufferUntilTheLastChunk() throws Exception {
    byte[] file = bytes(27);

    send(file, 0, 10, null);
    assertEquals(List.of(), ledger.partSizes());
    assertEquals(10, ledger.buffer.size());
    assertEquals(1, bufferFiles().size());
    assertTrue(Files.size(bufferFiles().get(0)) > 10, "sealed, not the plain 10 bytes");

    send(file, 10, 10, null);
    assertEquals(List.of(16L), ledger.partSizes());
    assertEquals(4, ledger.buffer.size());
    assertEquals(1, bufferFiles().size(), "the first buffer is removed once the second counts");

    send(file, 20, 7, null);
    assertEquals(List.of(16L, 11L), ledger.partSizes());
    assertNull(ledger.buffer);
    assertEquals(List.of(), bufferFiles());
    assertEquals(27, status.offset());

    StagedObject staged = chunks.assemble(ID, 27);
    assertArrayEquals(file, parts.completed.get(staged.key()));
    assertTrue(ledger.assembled);
    assertEquals(sha256(file), ResumableDigest.resume(digestState).hex());
  }

  @Test
  void aChunkWithTheWrongChecksumCountsNothingAndTheNextSendsItsPartAgain() throws Exception {
    byte[] file = bytes(27);
    send(file, 0, 10, null);
    byte[] wrong = MessageDigest.getInstance("SHA-256").digest(new byte[] {1});

    ProblemException refused =
        assertThrows(
            ProblemException.class, () -> send(file, 10, 12, new ChunkChecksum("sha256", wrong)));

    assertEquals(ProblemType.CHECKSUM_MISMATCH, refused.type());
    assertEquals(10, status.offset());
    assertEquals(List.of(), ledger.partSizes(), "its part was sent but is not recorded");
    assertEquals(1, parts.uploads.get(1).size(), "part 1 was sent once");
    assertEquals(10, ledger.buffer.size());

    byte[] right = MessageDigest.getInstance("SHA-256").digest(slice(file, 10, 17));
    send(file, 10, 17, new ChunkChecksum("sha256", right));
    assertEquals(2, parts.uploads.get(1).size(), "part 1 sent again under its number");
    assertArrayEquals(file, parts.completed.get(chunks.assemble(ID, 27).key()));
  }

  @Test
  void aChunkThatBreaksOffCountsWhatArrivedAndTheNextGoesOnFromThere() throws Exception {
    byte[] file = bytes(27);
    send(file, 0, 5, null);
    InputStream broken =
        new InputStream() {
          private int sent = 5;

          @Override
          public int read() throws IOException {
            if (sent < 25) {
              return file[sent++];
            }
            throw new IOException("connection reset");
          }
        };

    ProblemException refused =
        assertThrows(
            ProblemException.class,
            () -> chunks.receive(ID, status, digestState, null, broken, null, 22, 1000, () -> {}));

    assertEquals(ProblemType.INCOMPLETE_UPLOAD, refused.type());
    assertEquals(25L, refused.extensions().get("offset"), refused::getMessage);
    assertEquals(List.of(16L), ledger.partSizes());
    assertEquals(9, ledger.buffer.size());
    status = status(25, 27L);
    digestState = ledger.digestState;
    send(file, 25, 2, null);
    assertArrayEquals(file, parts.completed.get(chunks.assemble(ID, 27).key()));
    assertEquals(sha256(file), ResumableDigest.resume(digestState).hex());
  }

  @Test
  void aChunkWithAChecksumThatBreaksOffCountsNothing() throws Exception {
    byte[] file = bytes(27);
    send(file, 0, 5, null);
    InputStream broken =
        new InputStream() {
          private int sent;

          @Override
          public int read() throws IOException {
            if (sent++ < 20) {
              return 'x';
            }
            throw new IOException("connection reset");
          }
        };
    ChunkChecksum checksum = new ChunkChecksum("sha256", new byte[32]);

    ProblemException refused =
        assertThrows(
            ProblemException.class,
            () ->
                chunks.receive(
                    ID, status, digestState, checksum, broken, null, 22, 1000, () -> {}));

    assertEquals(ProblemType.INCOMPLETE_UPLOAD, refused.type());
    assertEquals(5, status.offset());
    assertEquals(List.of(), ledger.partSizes());
    assertEquals(5, ledger.buffer.size());
  }

  @Test
  void aFirstChunkThatCountsNothingAbortsTheStagingObjectItStarted() throws Exception {
    byte[] file = bytes(27);
    byte[] wrong = MessageDigest.getInstance("SHA-256").digest(new byte[] {1});

    assertThrows(
        ProblemException.class, () -> send(file, 0, 20, new ChunkChecksum("sha256", wrong)));

    assertEquals(1, parts.aborted);
    assertTrue(ledger.find(ID).isEmpty(), "nothing recorded");
    send(file, 0, 27, null);
    assertArrayEquals(file, parts.completed.get(chunks.assemble(ID, 27).key()));
  }

  @Test
  void aChunkLongerThanTheUploadIsRefusedThoughItsBufferIsNoLongerThanTheUpload() {
    status = status(0, 10L);

    ProblemException refused =
        assertThrows(ProblemException.class, () -> send(bytes(11), 0, 11, null));

    assertEquals(ProblemType.UPLOAD_LENGTH_EXCEEDED, refused.type());
    assertEquals(1, parts.aborted);
  }

  @Test
  void aBufferLeftWhenTheLengthIsDeclaredAfterTheLastByteIsSentAsTheLastPart() throws Exception {
    byte[] file = bytes(20);
    status = status(0, null);
    send(file, 0, 20, null);
    assertEquals(List.of(16L), ledger.partSizes());
    assertEquals(4, ledger.buffer.size());

    StagedObject staged = chunks.assemble(ID, 20);

    assertArrayEquals(file, parts.completed.get(staged.key()));
    assertEquals(List.of(), bufferFiles());
  }

  @Test
  void releasingAnUnjoinedUploadAbortsItAndRemovesItsBuffer() throws Exception {
    send(bytes(27), 0, 20, null);

    assertTrue(chunks.release(ID, false));

    assertEquals(1, parts.aborted);
    assertEquals(List.of(), bufferFiles());
    assertTrue(ledger.forgotten);
  }

  private void send(byte[] file, int offset, int length, ChunkChecksum checksum) {
    UploadStatus received =
        chunks.receive(
            ID,
            status,
            digestState,
            checksum,
            new ByteArrayInputStream(slice(file, offset, length)),
            null,
            OffsetRules.room(status.offset(), status.length(), 1000),
            1000,
            () -> {});
    status = status(received.offset(), status.length());
    digestState = ledger.digestState;
  }

  private List<Path> bufferFiles() throws IOException {
    Path staging = root.resolve("staging");
    if (!Files.isDirectory(staging)) {
      return List.of();
    }
    try (var files = Files.list(staging)) {
      return files.toList();
    }
  }

  private static UploadStatus status(long offset, Long length) {
    return new UploadStatus(
        ID,
        "receiving",
        offset,
        length,
        offset,
        0,
        null,
        Instant.now().plusSeconds(3600),
        "file.csv",
        null,
        null,
        null,
        null,
        null,
        null,
        List.of());
  }

  private static byte[] bytes(int size) {
    StringBuilder text = new StringBuilder();
    while (text.length() < size) {
      text.append("row ").append(text.length()).append('\n');
    }
    return text.substring(0, size).getBytes(StandardCharsets.US_ASCII);
  }

  private static byte[] slice(byte[] bytes, int offset, int length) {
    byte[] slice = new byte[length];
    System.arraycopy(bytes, offset, slice, 0, length);
    return slice;
  }

  private static String sha256(byte[] bytes) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }

  /** Parts kept in memory, every upload of a number remembered. */
  private static final class FakeParts implements PartedStaging {
    final Map<Integer, List<byte[]>> uploads = new HashMap<>();
    final Map<String, byte[]> completed = new HashMap<>();
    final List<String> discarded = new ArrayList<>();
    int aborted;

    @Override
    public int partBytes() {
      return PART;
    }

    @Override
    public int maxParts() {
      return 10_000;
    }

    @Override
    public Started start() {
      return new Started("staging/" + UUID.randomUUID(), "upload-1");
    }

    @Override
    public String uploadPart(Started upload, int number, byte[] bytes, int length) {
      uploads.computeIfAbsent(number, n -> new ArrayList<>()).add(slice(bytes, 0, length));
      return "etag-" + number + "-" + uploads.get(number).size();
    }

    @Override
    public StagedObject complete(Started upload, List<Part> parts) {
      ByteArrayOutputStream whole = new ByteArrayOutputStream();
      for (Part part : parts) {
        List<byte[]> sent = uploads.get(part.number());
        assertEquals("etag-" + part.number() + "-" + sent.size(), part.etag(), "the last upload");
        whole.writeBytes(sent.get(sent.size() - 1));
      }
      completed.put(upload.key(), whole.toByteArray());
      return new StagedObject(upload.key(), whole.size());
    }

    @Override
    public void abort(Started upload) {
      aborted++;
    }
  }

  /** The multipart rows of one upload, in memory. */
  private static final class FakeLedger extends MultipartLedger {
    PartedStaging.Started started;
    final TreeMap<Integer, PartedStaging.Part> parts = new TreeMap<>();
    StagedObject buffer;
    boolean assembled;
    boolean forgotten;
    byte[] digestState;

    List<Long> partSizes() {
      return parts.values().stream().map(PartedStaging.Part::size).toList();
    }

    @Override
    public Optional<Multipart> find(UUID uploadId) {
      return started == null
          ? Optional.empty()
          : Optional.of(new Multipart(started, assembled, buffer, List.copyOf(parts.values())));
    }

    @Override
    public Multipart start(UUID uploadId, PartedStaging.Started started, Instant at) {
      this.started = started;
      return find(uploadId).orElseThrow();
    }

    @Override
    public UploadStatus recordChunk(
        UUID uploadId,
        long offset,
        long size,
        PartedStaging.Started startedNow,
        List<PartedStaging.Part> sent,
        StagedObject newBuffer,
        byte[] digestState,
        double bytesPerSecond,
        Instant at) {
      if (startedNow != null) {
        started = startedNow;
      }
      record(uploadId, sent, newBuffer);
      this.digestState = digestState;
      return MultipartChunksTest.status(offset + size, null);
    }

    @Override
    public void record(UUID uploadId, List<PartedStaging.Part> sent, StagedObject newBuffer) {
      sent.forEach(part -> parts.put(part.number(), part));
      buffer = newBuffer;
    }

    @Override
    public void assembled(UUID uploadId) {
      assembled = true;
      buffer = null;
      parts.clear();
    }

    @Override
    public void forget(UUID uploadId) {
      forgotten = true;
      started = null;
    }
  }
}
