package io.fileparser.upload;

import io.fileparser.storage.StagedObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Function;

/**
 * The checks of one file whose bytes arrive in order over several calls (a resumable upload's
 * chunks, over several requests): recognised from its first bytes, then scanned and validated
 * beside their storing, as {@link UploadService#receive} does in one call, so that the complete
 * file need not be read back from the store to be checked. Made by {@link UploadService#inspect}.
 *
 * <p>It also hashes what it is given (SHA-256, the platform's implementation, which uses the
 * processor's SHA instructions where it has them): the file's content address once it is whole.
 *
 * <p>Not thread-safe: one request at a time writes to it (the caller holds the upload's lock). An
 * inspection that will not be concluded must be {@link #abandon}ed, which ends its checks' threads.
 * A gzip file is not inspected ({@link #declined()}): the pipeline checks what it decompresses, and
 * stores that.
 */
public final class Inspection {

  /** The checks of a recognised file, started and reading beside the store. */
  interface Running {
    List<Branch> branches();

    /**
     * The checks' outcome for the whole file, staged as {@code staged}; with {@code respondAsync}
     * without waiting for the virus scanner's verdict on a file of 1 MiB or more.
     */
    ReceivedFile conclude(StagedObject staged, String sha256, boolean respondAsync);

    /** Waits for checks whose outcome no longer matters. */
    void settle();
  }

  private final int headSize;
  private final Function<byte[], Running> start;
  private final ByteArrayOutputStream head;
  private final MessageDigest sha256;
  private Running running;
  private boolean declined;
  private boolean ended;
  private boolean reading = true;
  private long offset;

  /**
   * @param start recognises the file from its head and starts its checks; null when the file is not
   *     inspected
   */
  Inspection(int headSize, Function<byte[], Running> start) {
    this.headSize = headSize;
    this.start = start;
    this.head = new ByteArrayOutputStream(Math.min(headSize, 64 * 1024));
    try {
      this.sha256 = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by the Java platform", e);
    }
  }

  /** The hex SHA-256 of every byte it was given, declined or not. */
  public String sha256() {
    try {
      return HexFormat.of().formatHex(((MessageDigest) sha256.clone()).digest());
    } catch (CloneNotSupportedException e) {
      throw new IllegalStateException("the platform's SHA-256 can be cloned", e);
    }
  }

  /** How many bytes it was given. */
  public long offset() {
    return offset;
  }

  /** Whether the file is not inspected (gzip): its checks must read it from the store. */
  public boolean declined() {
    return declined;
  }

  /** Whether it can still take bytes and be concluded: neither ended, abandoned nor declined. */
  public boolean usable() {
    return !ended && !declined && reading;
  }

  /**
   * The next bytes of the file. Waits while a check is behind (back-pressure, as for an upload in
   * one request).
   *
   * @throws IOException when a check took nothing for too long, or the wait was interrupted
   */
  public void write(byte[] b, int off, int len) throws IOException {
    if (ended || !reading) {
      throw new IllegalStateException("the inspection has ended, or its file");
    }
    offset += len;
    sha256.update(b, off, len);
    if (declined || len == 0) {
      return;
    }
    if (running == null) {
      int taken = Math.min(len, headSize - head.size());
      head.write(b, off, taken);
      if (head.size() < headSize) {
        return;
      }
      begin();
      off += taken;
      len -= taken;
      if (declined) {
        return;
      }
    }
    feed(b, off, len);
  }

  /**
   * Tells the checks that the file has ended, so that they finish their work (clamd scans what it
   * was sent) while the caller joins the staged chunks into one object; {@link #conclude} then
   * waits for them. No byte may be written after it.
   */
  public void endOfFile() {
    if (ended || declined) {
      throw new IllegalStateException("the inspection has ended or was declined");
    }
    if (reading) {
      reading = false;
      if (running == null) {
        try {
          begin(); // a file shorter than its head
        } catch (IOException e) {
          throw new IllegalStateException("new branches refused the head", e);
        }
        if (declined) {
          throw new IllegalStateException("the inspection was declined");
        }
      }
      running.branches().forEach(Branch::finish);
    }
  }

  /**
   * The checks' outcome for the whole file, now staged as {@code staged} (its content address the
   * SHA-256 of what was written); ends the inspection (and the file, if {@link #endOfFile} was not
   * called). On a refusal (thrown) {@code staged} is left where it is.
   */
  public ReceivedFile conclude(StagedObject staged) {
    return conclude(staged, false);
  }

  /**
   * {@link #conclude(StagedObject)}, and with {@code respondAsync} (the client's {@code Prefer:
   * respond-async}) without waiting for the virus scanner's verdict on a file of 1 MiB or more.
   */
  public ReceivedFile conclude(StagedObject staged, boolean respondAsync) {
    endOfFile();
    ended = true;
    return running.conclude(staged, sha256(), respondAsync);
  }

  /** Stops the checks: the bytes they saw will not be concluded. Harmless when ended already. */
  public void abandon() {
    if (ended) {
      return;
    }
    ended = true;
    if (running != null) {
      IOException cause = new IOException("the inspection was abandoned");
      running.branches().forEach(branch -> branch.fail(cause));
      running.settle();
    }
  }

  /** Recognises the head and starts the checks with it; a head fits in an empty branch. */
  private void begin() throws IOException {
    byte[] first = head.toByteArray();
    running = start.apply(first);
    if (running == null) {
      declined = true;
      return;
    }
    feed(first, 0, first.length);
  }

  private void feed(byte[] b, int off, int len) throws IOException {
    if (len == 0) {
      return;
    }
    for (Branch branch : running.branches()) {
      branch.write(b, off, len);
    }
  }
}
