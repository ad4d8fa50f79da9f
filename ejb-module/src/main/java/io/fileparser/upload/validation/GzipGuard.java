package io.fileparser.upload.validation;

import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Decompresses gzip while it streams and stops a decompression bomb early: as soon as the output
 * passes {@link ValidationLimits#maxDecompressedBytes()}, or passes {@value #RATIO_GRACE_BYTES}
 * bytes at more than {@link ValidationLimits#maxGzipRatio()} output bytes per input byte. Text
 * compresses 5 to 20 times; 200 MiB of zeros compresses about 1000 times and is refused after the
 * first MiB. The grace keeps small, very repetitive files (a column of zeros) from being refused on
 * ratio alone, where the absolute amount is harmless.
 *
 * <p>Concatenated members are decompressed one after the other, as {@code gunzip} does, by a loop
 * of this class over an {@link Inflater}, with each member's header and trailer read as RFC 1952
 * lays them out. Not by {@link java.util.zip.GZIPInputStream}: it reads a following member from
 * inside {@code read}, recursively (a stream of millions of empty members, 20 bytes each, ends in a
 * {@link StackOverflowError}), and it takes bytes after a member that do not start another one for
 * the end of the data. So here:
 *
 * <ul>
 *   <li>at most {@link ValidationLimits#maxGzipMembers()} members are read, empty ones included;
 *       one more is {@code gzip_bomb}: a member costs a header, a trailer and an inflater reset
 *       whatever it holds, and no compressor writes thousands of them;
 *   <li>every member's CRC-32 and length are checked against its trailer, the optional header CRC
 *       against the header, and a stream cut short anywhere is {@code gzip_corrupt};
 *   <li>bytes after the last member that do not start a member ("trailing garbage", which {@code
 *       gunzip} ignores with a warning) are {@code gzip_corrupt}: nobody can tell whether they
 *       belong to the file, so it is refused rather than silently shortened.
 * </ul>
 *
 * <p>Input bytes are counted as the inflater consumes them, not as they are read ahead into its
 * buffer, so the ratio is right from the first block. Only an 8 KiB input buffer is held, never a
 * member.
 */
public final class GzipGuard {

  /** Output below this size is never refused for its ratio. */
  public static final long RATIO_GRACE_BYTES = 1024 * 1024;

  private static final int BUFFER = 8 * 1024;
  private static final int DEFLATE = 8;
  private static final int FHCRC = 0x02;
  private static final int FEXTRA = 0x04;
  private static final int FNAME = 0x08;
  private static final int FCOMMENT = 0x10;
  private static final int FRESERVED = 0xE0;

  private GzipGuard() {}

  /** Whether the head starts like a gzip member: magic {@code 1f 8b} and method 8 (deflate). */
  public static boolean isGzip(byte[] head, int length) {
    return length >= 3
        && head.length >= 3
        && head[0] == (byte) 0x1F
        && head[1] == (byte) 0x8B
        && head[2] == (byte) DEFLATE;
  }

  /**
   * Wraps {@code raw} so that reading gives the decompressed bytes. Nothing is read before the
   * first call to {@code read}; closing the result closes {@code raw}.
   *
   * <p>Reads throw {@link ValidationFailure} {@code gzip_bomb} past the limits and {@code
   * gzip_corrupt} when the data is not valid gzip (bad header, bad deflate data, CRC or length
   * mismatch, cut short, trailing bytes). Failures of {@code raw} itself stay {@link IOException}s,
   * thrown as they are.
   */
  public static InputStream decompressing(InputStream raw, ValidationLimits limits) {
    return new Members(raw, limits);
  }

  private static final class Members extends InputStream {
    private final InputStream raw;
    private final ValidationLimits limits;
    private final Inflater inflater = new Inflater(true);
    private final CRC32 crc = new CRC32();
    private final CRC32 headerCrc = new CRC32();
    private final byte[] buffer = new byte[BUFFER];
    private final byte[] one = new byte[1];
    private int position;
    private int end;

    /** Bytes taken from {@link #buffer}, some of which the inflater may not have used yet. */
    private long taken;

    private long produced;
    private long memberProduced;
    private int members;
    private boolean inMember;
    private boolean ended;

    Members(InputStream raw, ValidationLimits limits) {
      this.raw = raw;
      this.limits = limits;
    }

    @Override
    public int read() throws IOException {
      int n = read(one, 0, 1);
      return n <= 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      Objects.checkFromIndexSize(off, len, b.length);
      if (len == 0) {
        return 0;
      }
      while (!ended) {
        if (!inMember) {
          ended = !startMember();
        } else {
          int n = inflate(b, off, len);
          if (n > 0) {
            crc.update(b, off, n);
            produced += n;
            memberProduced += n;
            check();
            return n;
          }
          finishMember();
        }
      }
      return -1;
    }

    /** Reads one member's header (RFC 1952, 2.3); false at the end of the data. */
    private boolean startMember() throws IOException {
      int id1 = nextByte();
      if (id1 < 0) {
        if (members == 0) {
          throw corrupt("is empty");
        }
        return false;
      }
      int id2 = nextByte();
      if (id1 != 0x1F || id2 != 0x8B) {
        throw corrupt(
            members == 0
                ? "does not start with a gzip header"
                : "continues after member " + members + " with bytes that are not gzip data");
      }
      if (members >= limits.maxGzipMembers()) {
        throw tooManyMembers();
      }
      members++;
      headerCrc.reset();
      headerCrc.update(id1);
      headerCrc.update(id2);
      int method = headerByte();
      if (method != DEFLATE) {
        throw corrupt(
            "member " + members + " names compression method " + method + ", not deflate");
      }
      int flags = headerByte();
      if ((flags & FRESERVED) != 0) {
        throw corrupt("member " + members + " sets reserved header flags");
      }
      skipHeaderBytes(6); // modification time, extra flags, operating system
      if ((flags & FEXTRA) != 0) {
        skipHeaderBytes(headerByte() | headerByte() << 8);
      }
      if ((flags & FNAME) != 0) {
        skipHeaderString();
      }
      if ((flags & FCOMMENT) != 0) {
        skipHeaderString();
      }
      if ((flags & FHCRC) != 0) {
        int expected = requiredByte("header") | requiredByte("header") << 8;
        if (expected != (int) (headerCrc.getValue() & 0xFFFF)) {
          throw corrupt("member " + members + " fails its header check");
        }
      }
      crc.reset();
      memberProduced = 0;
      inMember = true;
      return true;
    }

    /** Output of the current member; 0 once its deflate data has ended. */
    private int inflate(byte[] b, int off, int len) throws IOException {
      while (true) {
        long before = inflater.getBytesRead();
        int n;
        try {
          n = inflater.inflate(b, off, len);
        } catch (DataFormatException e) {
          throw corrupt("holds invalid compressed data in member " + members, e);
        }
        if (n > 0 || inflater.finished()) {
          return n;
        }
        if (inflater.needsInput()) {
          if (position == end && !fill()) {
            throw corrupt("is cut short in member " + members);
          }
          inflater.setInput(buffer, position, end - position);
          taken += end - position;
          position = end;
        } else if (inflater.needsDictionary() || inflater.getBytesRead() == before) {
          // gzip never uses a preset dictionary; and a call that neither reads nor writes would
          // be repeated for ever.
          throw corrupt("holds invalid compressed data in member " + members);
        }
      }
    }

    /** Gives back what the inflater did not use and checks the trailer (RFC 1952, 2.3.1). */
    private void finishMember() throws IOException {
      int unused = inflater.getRemaining();
      position = end - unused;
      taken -= unused;
      inflater.reset();
      long expectedCrc = trailerInt();
      long expectedSize = trailerInt();
      if (expectedCrc != crc.getValue()) {
        throw corrupt("member " + members + " fails its CRC-32 check");
      }
      if (expectedSize != (memberProduced & 0xFFFF_FFFFL)) {
        throw corrupt(
            "member " + members + " gave " + memberProduced + " bytes, not the length it records");
      }
      inMember = false;
    }

    private long trailerInt() throws IOException {
      long value = 0;
      for (int i = 0; i < 4; i++) {
        value |= (long) requiredByte("trailer") << (8 * i);
      }
      return value;
    }

    private void skipHeaderBytes(int count) throws IOException {
      for (int i = 0; i < count; i++) {
        headerByte();
      }
    }

    private void skipHeaderString() throws IOException {
      while (headerByte() != 0) {
        // a file name or comment, ended by a zero byte
      }
    }

    private int headerByte() throws IOException {
      int b = requiredByte("header");
      headerCrc.update(b);
      return b;
    }

    private int requiredByte(String part) throws IOException {
      int b = nextByte();
      if (b < 0) {
        throw corrupt("is cut short in the " + part + " of member " + members);
      }
      return b;
    }

    private int nextByte() throws IOException {
      if (position == end && !fill()) {
        return -1;
      }
      taken++;
      return buffer[position++] & 0xFF;
    }

    private boolean fill() throws IOException {
      int n;
      do {
        n = raw.read(buffer, 0, buffer.length);
      } while (n == 0);
      if (n < 0) {
        return false;
      }
      position = 0;
      end = n;
      return true;
    }

    private long consumed() {
      return Math.max(1, taken - inflater.getRemaining());
    }

    private void check() {
      long consumed = consumed();
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

    private ValidationFailure tooManyMembers() {
      Map<String, Object> facts = new LinkedHashMap<>();
      facts.put("maxMembers", limits.maxGzipMembers());
      facts.put("compressedBytes", consumed());
      facts.put("decompressedBytes", produced);
      return new ValidationFailure(
          ValidationFailure.GZIP_BOMB,
          "the gzip data holds more than "
              + limits.maxGzipMembers()
              + " members (concatenated gzip streams); compress the file as one stream",
          facts);
    }

    private ValidationFailure corrupt(String why) {
      return corrupt(why, null);
    }

    private ValidationFailure corrupt(String why, DataFormatException cause) {
      Map<String, Object> facts = new LinkedHashMap<>();
      facts.put("member", members);
      facts.put("decompressedBytes", produced);
      return new ValidationFailure(
          ValidationFailure.GZIP_CORRUPT,
          "the gzip data " + why + "; compress the file again and upload it",
          facts,
          cause);
    }

    @Override
    public int available() {
      return 0;
    }

    @Override
    public void close() throws IOException {
      ended = true;
      inflater.end();
      raw.close();
    }
  }
}
