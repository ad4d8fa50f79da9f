package io.fileparser.upload;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fileparser.storage.StagedObject;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class InspectionTest {

  private static final int HEAD = 1000;
  private static final StagedObject STAGED = new StagedObject("x.part", 0);

  /** Checks that read their branch to the end, and what they were started with. */
  private static final class Recording implements Inspection.Running {
    final byte[] head;
    final Branch branch = new Branch("recording", 4096);
    final CompletableFuture<byte[]> read = new CompletableFuture<>();
    boolean settled;
    StagedObject concludedWith;
    String sha256;

    Recording(byte[] head) {
      this.head = head;
      Thread reader =
          new Thread(
              () -> {
                try (InputStream in = branch.reader()) {
                  read.complete(in.readAllBytes());
                } catch (IOException e) {
                  read.completeExceptionally(e);
                }
              });
      reader.setDaemon(true);
      reader.start();
    }

    @Override
    public List<Branch> branches() {
      return List.of(branch);
    }

    @Override
    public ReceivedFile conclude(StagedObject staged, String sha256, boolean respondAsync) {
      concludedWith = staged;
      this.sha256 = sha256;
      return null;
    }

    @Override
    public void settle() {
      settled = true;
    }
  }

  private final List<Recording> started = new ArrayList<>();

  private Inspection inspection() {
    return new Inspection(
        HEAD,
        head -> {
          Recording running = new Recording(head);
          started.add(running);
          return running;
        });
  }

  @Test
  void theChecksStartWithTheFirstHeadBytesAndReadEveryByteInOrder() throws Exception {
    byte[] file = bytes(10_000);
    Inspection inspection = inspection();

    inspection.write(file, 0, 300);
    inspection.write(file, 300, 400);
    assertTrue(started.isEmpty(), "the head is not complete yet");
    inspection.write(file, 700, 5000); // completes the head, and goes on
    inspection.write(file, 5700, 4300);
    assertEquals(10_000, inspection.offset());
    assertNull(inspection.conclude(STAGED));

    Recording running = started.get(0);
    assertArrayEquals(java.util.Arrays.copyOf(file, HEAD), running.head);
    assertArrayEquals(file, running.read.get(5, TimeUnit.SECONDS));
    assertSame(STAGED, running.concludedWith);
    assertEquals(sha256(file), running.sha256);
    assertFalse(inspection.usable());
  }

  @Test
  void aDeclinedFileIsStillHashed() throws Exception {
    Inspection inspection = new Inspection(HEAD, head -> null);
    byte[] file = bytes(3000);

    inspection.write(file, 0, 1200);
    inspection.write(file, 1200, 1800);

    assertEquals(sha256(file), inspection.sha256());
  }

  @Test
  void aFileShorterThanTheHeadIsRecognisedWhenItIsConcluded() throws Exception {
    byte[] file = bytes(600);
    Inspection inspection = inspection();

    inspection.write(file, 0, 250);
    inspection.write(file, 250, 350);
    assertTrue(started.isEmpty());
    inspection.conclude(STAGED);

    assertArrayEquals(file, started.get(0).head);
    assertArrayEquals(file, started.get(0).read.get(5, TimeUnit.SECONDS));
  }

  @Test
  void theEndOfTheFileLetsTheChecksFinishBeforeItIsConcluded() throws Exception {
    byte[] file = bytes(3000);
    Inspection inspection = inspection();
    inspection.write(file, 0, 3000);

    inspection.endOfFile();

    Recording running = started.get(0);
    assertArrayEquals(file, running.read.get(5, TimeUnit.SECONDS), "read to its end already");
    assertNull(running.concludedWith);
    assertFalse(inspection.usable(), "takes no more bytes");
    assertThrows(IllegalStateException.class, () -> inspection.write(file, 0, 1));
    inspection.endOfFile(); // twice is harmless
    inspection.conclude(STAGED);
    assertSame(STAGED, running.concludedWith);
  }

  @Test
  void aShortFileIsRecognisedAtItsEnd() throws Exception {
    Inspection inspection = inspection();
    inspection.write(bytes(20), 0, 20);

    inspection.endOfFile();

    assertEquals(20, started.get(0).head.length);
  }

  @Test
  void aDeclinedFileTakesItsBytesAndCannotBeConcluded() throws Exception {
    Inspection inspection = new Inspection(HEAD, head -> null);
    byte[] file = bytes(3000);

    inspection.write(file, 0, 3000);

    assertTrue(inspection.declined());
    assertFalse(inspection.usable());
    assertEquals(3000, inspection.offset());
    assertThrows(IllegalStateException.class, () -> inspection.conclude(STAGED));
    inspection.abandon(); // harmless
  }

  @Test
  void abandoningFailsTheChecksReadingAndWaitsForThem() throws Exception {
    byte[] file = bytes(5000);
    Inspection inspection = inspection();
    inspection.write(file, 0, 5000);

    inspection.abandon();

    Recording running = started.get(0);
    ExecutionException failed =
        assertThrows(ExecutionException.class, () -> running.read.get(5, TimeUnit.SECONDS));
    assertTrue(failed.getCause() instanceof IOException);
    assertTrue(running.settled);
    assertFalse(inspection.usable());
    assertThrows(IllegalStateException.class, () -> inspection.write(file, 0, 1));
    assertThrows(IllegalStateException.class, () -> inspection.conclude(STAGED));
    inspection.abandon(); // twice is harmless
  }

  @Test
  void abandoningBeforeTheHeadIsCompleteStartsNoCheck() throws Exception {
    Inspection inspection = inspection();
    inspection.write(bytes(10), 0, 10);

    inspection.abandon();

    assertTrue(started.isEmpty());
  }

  private static String sha256(byte[] bytes) throws Exception {
    return java.util.HexFormat.of()
        .formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
  }

  private static byte[] bytes(int n) {
    byte[] b = new byte[n];
    new Random(n).nextBytes(b);
    return b;
  }
}
