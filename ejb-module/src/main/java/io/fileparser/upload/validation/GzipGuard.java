package io.fileparser.upload.validation;

import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Decompresses gzip while it streams and stops a decompression bomb early: as soon as the output
 * passes {@link ValidationLimits#maxDecompressedBytes()}, or passes {@value #RATIO_GRACE_BYTES}
 * bytes at more than {@link ValidationLimits#maxGzipRatio()} output bytes per input byte. Text
 * compresses 5 to 20 times; 200 MiB of zeros compresses about 1000 times and is refused after the
 * first MiB. The grace keeps small, very repetitive files (a column of zeros) from being refused on
 * ratio alone, where the absolute amount is harmless.
 *
 * <p>Input bytes are counted as the inflater consumes them, not as they are read ahead into its
 * buffer, so the ratio is right from the first block. Concatenated gzip members are decompressed
 * one after the other, as {@code gunzip} does.
 */
public final class GzipGuard {

  /** Output below this size is never refused for its ratio. */
  public static final long RATIO_GRACE_BYTES = 1024 * 1024;

  private static final int INFLATER_BUFFER = 8 * 1024;

  private GzipGuard() {}

  /** Whether the head starts like a gzip member: magic {@code 1f 8b} and method 8 (deflate). */
  public static boolean isGzip(byte[] head, int length) {
    return length >= 3
        && head.length >= 3
        && head[0] == (byte) 0x1F
        && head[1] == (byte) 0x8B
        && head[2] == (byte) 0x08;
  }

  /**
   * Wraps {@code raw} so that reading gives the decompressed bytes. Nothing is read before the
   * first call to {@code read}; closing the result closes {@code raw}.
   *
   * <p>Reads throw {@link ValidationFailure} {@code gzip_bomb} past the limits and {@code
   * gzip_corrupt} when the data is not valid gzip (bad header, bad deflate data, CRC or length
   * mismatch, cut short). Failures of {@code raw} itself stay {@link IOException}s.
   */
  public static InputStream decompressing(InputStream raw, ValidationLimits limits) {
    return new Guarded(raw, limits);
  }

  /**
   * Counts the bytes taken from the source and remembers a failure of the source itself, which
   * {@link GZIPInputStream} would otherwise swallow when it looks for a further member.
   */
  private static final class CountingSource extends FilterInputStream {
    long count;
    IOException failure;
    private int peeked = -1;

    CountingSource(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      int b = peeked;
      peeked = -1;
      if (b < 0) {
        b = record(in::read);
      }
      if (b >= 0) {
        count++;
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (len > 0 && peeked >= 0) {
        b[off] = (byte) peeked;
        peeked = -1;
        count++;
        return 1;
      }
      int n = record(() -> in.read(b, off, len));
      if (n > 0) {
        count += n;
      }
      return n;
    }

    /**
     * {@link GZIPInputStream} reads a further member only if this says input is available, and a
     * network stream may have nothing buffered right at a member boundary; so when it says none,
     * one byte is read ahead to find out (Java 17 would otherwise end after the first member).
     */
    @Override
    public int available() throws IOException {
      if (peeked >= 0) {
        return 1;
      }
      int available = record(in::available);
      if (available > 0) {
        return available;
      }
      peeked = record(in::read);
      return peeked >= 0 ? 1 : 0;
    }

    private int record(IoCall call) throws IOException {
      try {
        return call.run();
      } catch (IOException e) {
        failure = e;
        throw e;
      }
    }
  }

  private interface IoCall {
    int run() throws IOException;
  }

  /** Tells how much input the inflater has consumed, which only its protected state knows. */
  private static final class MeasuredGzip extends GZIPInputStream {
    private final CountingSource source;

    MeasuredGzip(CountingSource source) throws IOException {
      super(source, INFLATER_BUFFER);
      this.source = source;
    }

    long consumed() {
      return Math.max(1, source.count - inf.getRemaining());
    }
  }

  private static final class Guarded extends InputStream {
    private final CountingSource source;
    private final ValidationLimits limits;
    private MeasuredGzip gzip;
    private long produced;

    Guarded(InputStream raw, ValidationLimits limits) {
      this.source = new CountingSource(raw);
      this.limits = limits;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      int n = read(one, 0, 1);
      return n <= 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n;
      try {
        if (gzip == null) {
          // The constructor reads the gzip header, so a bad header is reported on first read.
          gzip = new MeasuredGzip(source);
        }
        n = gzip.read(b, off, len);
      } catch (ZipException | EOFException e) {
        if (source.failure != null) {
          throw source.failure;
        }
        throw corrupt(e);
      }
      if (n < 0 && source.failure != null) {
        // GZIPInputStream took the failure for the end of the data; the data is incomplete.
        throw source.failure;
      }
      if (n > 0) {
        produced += n;
        check();
      }
      return n;
    }

    private void check() {
      long consumed = gzip.consumed();
      boolean tooBig = produced > limits.maxDecompressedBytes();
      boolean tooDense =
          produced > RATIO_GRACE_BYTES && produced > limits.maxGzipRatio() * consumed;
      if (tooBig || tooDense) {
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("decompressedBytes", produced);
        facts.put("compressedBytes", consumed);
        facts.put("maxDecompressedBytes", limits.maxDecompressedBytes());
        facts.put("maxRatio", limits.maxGzipRatio());
        String why =
            tooBig
                ? "decompresses to more than " + limits.maxDecompressedBytes() + " bytes"
                : "expands more than "
                    + Math.round(limits.maxGzipRatio())
                    + " times ("
                    + consumed
                    + " compressed bytes gave "
                    + produced
                    + ")";
        throw new ValidationFailure(
            ValidationFailure.GZIP_BOMB,
            "the gzip data " + why + "; upload the file uncompressed or split it",
            facts);
      }
    }

    private ValidationFailure corrupt(IOException e) {
      return new ValidationFailure(
          ValidationFailure.GZIP_CORRUPT,
          "the gzip data is damaged or cut short ("
              + e.getMessage()
              + "); compress the file again and upload it",
          Map.of("decompressedBytes", produced),
          e);
    }

    @Override
    public int available() throws IOException {
      return gzip == null ? 0 : gzip.available();
    }

    @Override
    public void close() throws IOException {
      if (gzip != null) {
        gzip.close();
      } else {
        source.close();
      }
    }
  }
}
