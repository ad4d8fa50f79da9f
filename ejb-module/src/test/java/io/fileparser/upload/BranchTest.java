package io.fileparser.upload;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BranchTest {

  private final ExecutorService readers = Executors.newCachedThreadPool();

  @AfterEach
  void stop() {
    readers.shutdownNow();
  }

  @Test
  void everyReaderGetsEveryByteInOrderWhileTheStoreReadsThem() throws Exception {
    byte[] data = randomBytes(3_000_001);
    Branch scan = new Branch("scan", 64 * 1024);
    Branch validation = new Branch("validation", 100_000);
    Future<byte[]> scanned = readers.submit(() -> slowly(scan.reader()));
    Future<byte[]> validated = readers.submit(() -> validation.reader().readAllBytes());

    byte[] stored =
        new Tee(new ByteArrayInputStream(data), List.of(scan, validation)).readAllBytes();

    assertArrayEquals(data, stored);
    assertArrayEquals(data, scanned.get(30, TimeUnit.SECONDS));
    assertArrayEquals(data, validated.get(30, TimeUnit.SECONDS));
  }

  @Test
  void theWriterWaitsWhileTheBranchHoldsItsCapacity() throws Exception {
    Branch branch = new Branch("scan", 1000);
    branch.write(new byte[600], 0, 600);
    CountDownLatch written = new CountDownLatch(1);
    CompletableFuture<Void> writer =
        CompletableFuture.runAsync(
            () -> {
              try {
                branch.write(new byte[600], 0, 600);
                written.countDown();
              } catch (IOException e) {
                throw new IllegalStateException(e);
              }
            },
            readers);

    assertFalse(written.await(300, TimeUnit.MILLISECONDS), "1,200 bytes do not fit in 1,000");
    InputStream reader = branch.reader();
    assertEquals(600, reader.read(new byte[1000]));
    assertTrue(written.await(10, TimeUnit.SECONDS), "the writer goes on once the reader took some");
    writer.get(10, TimeUnit.SECONDS);
  }

  @Test
  void aChunkLargerThanTheCapacityStillPassesAlone() throws Exception {
    Branch branch = new Branch("scan", 10);
    branch.write(new byte[100], 0, 100);
    branch.finish();

    assertEquals(100, branch.reader().readAllBytes().length);
  }

  @Test
  void aReaderThatStopsEarlyNeverHoldsTheWriterBack() throws Exception {
    Branch branch = new Branch("scan", 1024);
    InputStream reader = branch.reader();
    reader.readNBytes(0);
    reader.close();

    byte[] data = randomBytes(10 * 1024 * 1024);
    byte[] stored = new Tee(new ByteArrayInputStream(data), List.of(branch)).readAllBytes();

    assertArrayEquals(data, stored);
    assertTrue(branch.isAbandoned());
  }

  @Test
  void aReaderThatStopsHalfwayLetsTheRestGoBy() throws Exception {
    byte[] data = randomBytes(2_000_000);
    Branch branch = new Branch("scan", 16 * 1024);
    Future<Integer> reader =
        readers.submit(
            () -> {
              try (InputStream in = branch.reader()) {
                return in.readNBytes(100_000).length;
              }
            });

    byte[] stored = new Tee(new ByteArrayInputStream(data), List.of(branch)).readAllBytes();

    assertArrayEquals(data, stored);
    assertEquals(100_000, reader.get(10, TimeUnit.SECONDS));
  }

  @Test
  void aBrokenUploadFailsTheReaders() throws Exception {
    IOException broken = new IOException("connection reset");
    InputStream source =
        new InputStream() {
          private int sent;

          @Override
          public int read() throws IOException {
            if (sent++ < 5000) {
              return 'x';
            }
            throw broken;
          }
        };
    Branch branch = new Branch("validation", 1 << 20);
    AtomicLong readBeforeFailure = new AtomicLong();
    Future<IOException> reader =
        readers.submit(
            () -> {
              InputStream in = branch.reader();
              try {
                while (in.read() != -1) {
                  readBeforeFailure.incrementAndGet();
                }
                return null;
              } catch (IOException e) {
                return e;
              }
            });

    Tee tee = new Tee(source, List.of(branch));
    IOException thrown = assertThrows(IOException.class, tee::readAllBytes);

    assertSame(broken, thrown);
    IOException seen = reader.get(10, TimeUnit.SECONDS);
    assertSame(broken, seen.getCause(), "the reader does not take a cut-off file for a whole one");
    assertTrue(tee.ended());
  }

  @Test
  void theEndOfTheUploadIsTheEndOfEveryBranch() throws Exception {
    Branch branch = new Branch("scan", 1 << 20);
    Tee tee = new Tee(new ByteArrayInputStream(new byte[] {1, 2, 3}), List.of(branch));

    assertEquals(3, tee.readAllBytes().length);

    assertArrayEquals(new byte[] {1, 2, 3}, branch.reader().readAllBytes());
  }

  @Test
  void afterTheEndAFailureNoLongerReachesTheReader() throws Exception {
    Branch branch = new Branch("scan", 1 << 20);
    branch.write(new byte[] {7}, 0, 1);
    branch.finish();
    branch.fail(new IOException("the store failed after the last byte"));

    assertArrayEquals(new byte[] {7}, branch.reader().readAllBytes());
  }

  /** Reads in small pieces with pauses, like a check slower than the store. */
  private static byte[] slowly(InputStream in) throws IOException, InterruptedException {
    var out = new java.io.ByteArrayOutputStream();
    byte[] buffer = new byte[7919];
    int reads = 0;
    for (int n; (n = in.read(buffer)) != -1; ) {
      out.write(buffer, 0, n);
      if (++reads % 50 == 0) {
        Thread.sleep(1);
      }
    }
    return out.toByteArray();
  }

  private static byte[] randomBytes(int n) {
    byte[] data = new byte[n];
    new Random(n).nextBytes(data);
    return data;
  }
}
