package io.fileparser.scan;

import static io.fileparser.scan.ClamdServer.EICAR;
import static io.fileparser.scan.ClamdServer.SIGNATURE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fileparser.scan.ScanVerdict.Outcome;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The client against a real clamd holding one EICAR hash signature (see {@link ClamdServer}). */
class ClamdClientTest {

  private static final int MIB = 1024 * 1024;

  /** clamd's own limits: streams up to 10 MiB, files (and archive members) scanned up to 8 MiB. */
  private static final int SERVER_STREAM_MAX = 10 * MIB;

  private static final int SERVER_MAX_FILE_SIZE = 8 * MIB;

  @TempDir static Path clamdHome;

  private static ClamdServer clamd;

  @BeforeAll
  static void startClamd() throws Exception {
    clamd = ClamdServer.start(clamdHome, "10M", "8M", "32M");
  }

  @AfterAll
  static void stopClamd() throws Exception {
    if (clamd != null) {
      clamd.close();
    }
  }

  @Test
  void cleanTextIsClean() throws Exception {
    byte[] text = "name;amount\nAda;12.50\n".getBytes(StandardCharsets.UTF_8);

    ScanVerdict verdict = client().scan(new ByteArrayInputStream(text));

    assertEquals(ScanVerdict.clean(text.length), verdict);
    assertTrue(verdict.isClean());
  }

  @Test
  void eicarIsInfectedWithTheTestSignature() throws Exception {
    ScanVerdict verdict = client().scan(new ByteArrayInputStream(EICAR));

    assertTrue(verdict.isInfected());
    // clamd marks every signature that is not from the official databases as UNOFFICIAL.
    assertEquals(SIGNATURE + ".UNOFFICIAL", verdict.signature());
    assertEquals(EICAR.length, verdict.bytesScanned());
  }

  @Test
  void eicarSplitIntoTinyChunksIsReassembledByClamd() throws Exception {
    ScanVerdict verdict = client(5, Long.MAX_VALUE).scan(new ByteArrayInputStream(EICAR));

    assertEquals(ScanVerdict.infected(SIGNATURE + ".UNOFFICIAL", EICAR.length), verdict);
  }

  @Test
  void eicarInsideGzipIsFound() throws Exception {
    ByteArrayOutputStream gzip = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(gzip)) {
      out.write(EICAR);
    }

    ScanVerdict verdict = client().scan(new ByteArrayInputStream(gzip.toByteArray()));

    assertEquals(ScanVerdict.infected(SIGNATURE + ".UNOFFICIAL", gzip.size()), verdict);
  }

  @Test
  void eicarInsideZipIsFound() throws Exception {
    byte[] zip = zip(new byte[0], EICAR);

    ScanVerdict verdict = client().scan(new ByteArrayInputStream(zip));

    assertEquals(ScanVerdict.infected(SIGNATURE + ".UNOFFICIAL", zip.length), verdict);
  }

  @Test
  void eicarAfterFiveMebibytesOfCleanBytesIsFound() throws Exception {
    // In a zip, because a hash signature only matches EICAR as a whole file; clamd finds the
    // member only if every one of the ~80 chunks before it arrived intact and in order.
    byte[] zip = zip(randomBytes(5 * MIB), EICAR);

    ScanVerdict verdict = client().scan(new ByteArrayInputStream(zip));

    assertEquals(ScanVerdict.infected(SIGNATURE + ".UNOFFICIAL", zip.length), verdict);
  }

  @Test
  void hashSignatureDoesNotMatchEicarAppendedToOtherBytes() throws Exception {
    // Documents the test database, not the client: raw EICAR behind 5 MiB is a different file.
    InputStream content =
        new SequenceInputStream(new GeneratedContent(5 * MIB), new ByteArrayInputStream(EICAR));

    ScanVerdict verdict = client().scan(content);

    assertEquals(ScanVerdict.clean(5 * MIB + EICAR.length), verdict);
  }

  @Test
  void fileArgumentIsStreamed(@TempDir Path dir) throws Exception {
    Path file = Files.write(dir.resolve("upload.csv"), EICAR);

    assertTrue(client().scan(file).isInfected());
  }

  @Test
  void contentOverClamdsStreamMaxLengthExceedsTheLimitEvenThoughClamdHangsUp() throws Exception {
    // Far more than clamd and the socket buffers take, so our writes fail once clamd hangs up.
    GeneratedContent content = new GeneratedContent(64L * MIB);

    ScanVerdict verdict = client().scan(content);

    assertEquals(Outcome.LIMIT_EXCEEDED, verdict.outcome());
    assertEquals("INSTREAM size limit exceeded.", verdict.signature());
    assertTrue(verdict.bytesScanned() > SERVER_STREAM_MAX, "sent " + verdict.bytesScanned());
    assertTrue(content.bytesRead() < 64L * MIB, "read the whole content: " + content.bytesRead());
  }

  @Test
  void contentOverTheClientsLimitStopsEarlyAsLimitExceeded() throws Exception {
    int chunk = 64 * 1024;
    GeneratedContent content = new GeneratedContent(8 * MIB);

    ScanVerdict verdict = client(chunk, MIB).scan(content);

    assertEquals(Outcome.LIMIT_EXCEEDED, verdict.outcome());
    assertTrue(verdict.signature().contains("size limit exceeded"), verdict.signature());
    assertTrue(verdict.bytesScanned() <= MIB, "sent " + verdict.bytesScanned());
    assertTrue(content.bytesRead() <= MIB + chunk, "read " + content.bytesRead());
  }

  @Test
  void contentOfExactlyTheClientsLimitIsScanned() throws Exception {
    ScanVerdict verdict = client(64 * 1024, MIB).scan(new GeneratedContent(MIB));

    assertEquals(ScanVerdict.clean(MIB), verdict);
  }

  @Test
  void fileOverMaxFileSizeIsReportedAsAHeuristicDetection() throws Exception {
    int length = SERVER_MAX_FILE_SIZE + MIB;

    ScanVerdict verdict = client().scan(new GeneratedContent(length));

    assertEquals(ScanVerdict.infected("Heuristics.Limits.Exceeded.MaxFileSize", length), verdict);
  }

  @Test
  void failureReadingTheContentIsNotBlamedOnClamd() {
    InputStream broken =
        new SequenceInputStream(
            new GeneratedContent(200_000),
            new InputStream() {
              @Override
              public int read() throws IOException {
                throw new IOException("upload connection reset");
              }
            });

    IOException e = assertThrows(IOException.class, () -> client().scan(broken));

    assertFalse(e instanceof ClamdException, e.toString());
    assertEquals("upload connection reset", e.getMessage());
    // clamd survives a client vanishing mid-stream.
    assertTrue(client().ping());
  }

  @Test
  void oneClientServesConcurrentScans() throws Exception {
    ClamdClient client = client();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<ScanVerdict>> verdicts = new ArrayList<>();
      for (int i = 0; i < 16; i++) {
        byte[] content = i % 2 == 0 ? EICAR : ("clean " + i).getBytes(StandardCharsets.UTF_8);
        verdicts.add(pool.submit(() -> client.scan(new ByteArrayInputStream(content))));
      }
      for (int i = 0; i < verdicts.size(); i++) {
        assertEquals(i % 2 == 0, verdicts.get(i).get().isInfected(), "scan " + i);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void scansOverClamdsUnixSocket() throws Exception {
    ClamdClient overSocket =
        new ClamdClient(
            new ClamdSettings(
                "unused.invalid",
                1,
                Duration.ofSeconds(2),
                Duration.ofSeconds(30),
                ClamdSettings.DEFAULT_CHUNK_SIZE,
                ClamdSettings.DEFAULT_STREAM_MAX_LENGTH,
                clamd.socket()));

    assertTrue(overSocket.ping());
    assertEquals(
        SIGNATURE + ".UNOFFICIAL", overSocket.scan(new ByteArrayInputStream(EICAR)).signature());
    assertFalse(overSocket.scan(new ByteArrayInputStream(new byte[] {'o', 'k'})).isInfected());
  }

  @Test
  void aUnixSocketWithNobodyListeningIsAClamdFailure(@TempDir Path empty) {
    ClamdClient nobody =
        new ClamdClient(
            new ClamdSettings(
                "unused.invalid",
                1,
                Duration.ofSeconds(2),
                Duration.ofSeconds(2),
                ClamdSettings.DEFAULT_CHUNK_SIZE,
                ClamdSettings.DEFAULT_STREAM_MAX_LENGTH,
                empty.resolve("clamd.sock")));

    assertFalse(nobody.ping());
    ClamdException failure =
        assertThrows(ClamdException.class, () -> nobody.scan(new ByteArrayInputStream(EICAR)));
    assertTrue(
        failure.getMessage().contains("unix:" + empty.resolve("clamd.sock")), failure::getMessage);
  }

  @Test
  void pingAnswersWhileClamdIsUp() {
    assertTrue(client().ping());
  }

  @Test
  void versionNamesClamAv() throws Exception {
    String version = client().version();

    assertTrue(version.startsWith("ClamAV "), version);
  }

  private static ClamdClient client() {
    return client(ClamdSettings.DEFAULT_CHUNK_SIZE, ClamdSettings.DEFAULT_STREAM_MAX_LENGTH);
  }

  private static ClamdClient client(int chunkSize, long streamMaxLength) {
    return new ClamdClient(
        "127.0.0.1",
        clamd.port(),
        Duration.ofSeconds(2),
        Duration.ofSeconds(30),
        chunkSize,
        streamMaxLength);
  }

  /** A zip whose first member holds {@code padding} and whose second member holds {@code last}. */
  private static byte[] zip(byte[] padding, byte[] last) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      zip.putNextEntry(new ZipEntry("report.bin"));
      zip.write(padding);
      zip.closeEntry();
      zip.putNextEntry(new ZipEntry("eicar.com"));
      zip.write(last);
      zip.closeEntry();
    }
    return bytes.toByteArray();
  }

  /** Random, so deflate cannot shrink it and the zip really is five mebibytes on the wire. */
  private static byte[] randomBytes(int length) {
    byte[] bytes = new byte[length];
    new Random(42).nextBytes(bytes);
    return bytes;
  }
}
