package io.fileparser.upload;

import io.fileparser.storage.OneByteRead;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A bounded pipe carrying the bytes of an upload, as they stream to the store, to a check that runs
 * beside it on a thread of its own (the virus scan, the format's validation). The writer is the
 * request's thread ({@link Tee}); the reader is the check, through {@link #reader()}.
 *
 * <p>At most {@code capacity} bytes wait in the pipe: past that the writer waits for the reader
 * (back-pressure), so the upload goes at the pace of the slowest check and no more than {@code
 * capacity} bytes of it are in memory per check. A reader that stops early (a check that has made
 * up its mind, such as a validation failure or clamd's size limit) closes its stream; from then on
 * the writer's bytes are dropped and it never waits for it again. A writer that fails {@link
 * #fail}s the pipe, and the reader's next read throws.
 */
final class Branch {

  /**
   * What the reader's read throws once the writer failed: the upload broke off, or was abandoned.
   * Its check ends without an outcome; it is not the check's own failure, nor the store's.
   */
  static final class WriterFailed extends IOException {
    WriterFailed(String name, IOException cause) {
      super("the upload broke off before " + name + " ended", cause);
    }
  }

  /** How long the writer waits for a reader that takes nothing at all before it gives up. */
  static final long STALL_LIMIT_MS = 120_000;

  private final String name;
  private final long capacity;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private final ArrayDeque<byte[]> chunks = new ArrayDeque<>();
  private long queued;
  private boolean finished;
  private boolean abandoned;
  private IOException failure;

  Branch(String name, long capacity) {
    this.name = name;
    this.capacity = capacity;
  }

  /**
   * Hands a copy of {@code b[off, off+len)} to the reader, waiting while the pipe is full.
   *
   * @throws InterruptedIOException when the writer is interrupted, or the reader took nothing for
   *     {@link #STALL_LIMIT_MS}
   */
  void write(byte[] b, int off, int len) throws InterruptedIOException {
    if (len <= 0) {
      return;
    }
    byte[] copy = Arrays.copyOfRange(b, off, off + len);
    lock.lock();
    try {
      long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(STALL_LIMIT_MS);
      while (!abandoned && queued > 0 && queued + len > capacity) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new InterruptedIOException(name + " took nothing for " + STALL_LIMIT_MS + " ms");
        }
        try {
          changed.awaitNanos(left);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new InterruptedIOException("interrupted while handing bytes to " + name);
        }
      }
      if (abandoned || finished || failure != null) {
        return;
      }
      chunks.addLast(copy);
      queued += len;
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** The writer reached the end of the upload: the reader sees end of stream after what waits. */
  void finish() {
    lock.lock();
    try {
      finished = true;
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /**
   * The writer failed: the reader's next read throws, whatever still waits is dropped. After {@link
   * #finish} the reader has the whole upload already, and this changes nothing.
   */
  void fail(IOException cause) {
    lock.lock();
    try {
      if (finished || failure != null) {
        return;
      }
      failure = cause;
      chunks.clear();
      queued = 0;
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** Whether the reader has stopped reading. */
  boolean isAbandoned() {
    lock.lock();
    try {
      return abandoned;
    } finally {
      lock.unlock();
    }
  }

  /** The reader's side: one stream, read by one thread. */
  InputStream reader() {
    return new InputStream() {
      private byte[] current;
      private int position;

      @Override
      public int read() throws IOException {
        return OneByteRead.from(this);
      }

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
          return 0;
        }
        if (current == null || position == current.length) {
          current = take();
          position = 0;
          if (current == null) {
            return -1;
          }
        }
        int n = Math.min(len, current.length - position);
        System.arraycopy(current, position, b, off, n);
        position += n;
        return n;
      }

      @Override
      public void close() {
        lock.lock();
        try {
          abandoned = true;
          chunks.clear();
          queued = 0;
          changed.signalAll();
        } finally {
          lock.unlock();
        }
      }
    };
  }

  /** The next chunk, or null at the end; throws the writer's failure. */
  private byte[] take() throws IOException {
    lock.lock();
    try {
      while (true) {
        if (failure != null) {
          throw new WriterFailed(name, failure);
        }
        byte[] next = chunks.pollFirst();
        if (next != null) {
          queued -= next.length;
          changed.signalAll();
          return next;
        }
        if (finished) {
          return null;
        }
        try {
          changed.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new InterruptedIOException(name + " was interrupted");
        }
      }
    } finally {
      lock.unlock();
    }
  }
}
