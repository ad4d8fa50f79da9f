package io.fileparser.storage;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/**
 * Encryption at rest of the local file store: AES-256-GCM over fixed-size chunks, so files of any
 * size stream through in bounded memory and a reader can start at any chunk (ranged reads).
 *
 * <p>Layout: a header {@code "FPE1" | version(1) | keyIdLength(1) | keyId | noncePrefix(8) |
 * chunkSize(4, big-endian)}, then chunks of {@code chunkSize} plaintext bytes each sealed as {@code
 * ciphertext | tag(16)}. The nonce of chunk {@code i} is {@code noncePrefix | i} (4 bytes,
 * big-endian): unique per file because the prefix is random per file. The additional data of each
 * chunk is the header plus a final-chunk flag, so chunks cannot be moved between files or
 * reordered, and a file cut at a chunk boundary fails to decrypt instead of reading as shorter. The
 * reference worker implements the same layout (worker/parser_worker/crypto.py).
 */
public final class ChunkedAesGcm {

  static final byte[] MAGIC = "FPE1".getBytes(StandardCharsets.US_ASCII);
  static final int VERSION = 1;
  static final int TAG_BYTES = 16;
  public static final int DEFAULT_CHUNK = 64 * 1024;
  private static final SecureRandom RANDOM = new SecureRandom();

  private ChunkedAesGcm() {}

  /** Whether a file starts like one of ours. */
  public static boolean isEncrypted(byte[] head) {
    return head.length >= MAGIC.length && Arrays.equals(head, 0, 4, MAGIC, 0, 4);
  }

  /** An output stream that encrypts everything written to it onto {@code sink}. */
  public static OutputStream encrypting(OutputStream sink, KeyRing keys, int chunkSize)
      throws IOException {
    Header header = Header.fresh(keys, chunkSize);
    byte[] encoded = header.encode();
    sink.write(encoded);
    return new Encrypting(sink, keys.active(), header, encoded);
  }

  /** Decrypts a whole stream written by {@link #encrypting}. */
  public static InputStream decrypting(InputStream source, KeyRing keys) throws IOException {
    DataInputStream in = new DataInputStream(source);
    Header header = Header.read(in);
    return new Decrypting(in, keys.get(header.keyId()), header, 0, 0);
  }

  /**
   * Decrypts a file from plaintext offset {@code offset} on, reading only from the chunk that holds
   * it.
   */
  public static InputStream decrypting(FileChannel file, KeyRing keys, long offset)
      throws IOException {
    file.position(0);
    DataInputStream headerIn = new DataInputStream(Channels.newInputStream(file));
    Header header = Header.read(headerIn);
    long sealed = (long) header.chunkSize() + TAG_BYTES;
    long sealedBody = file.size() - header.encode().length;
    long plaintext =
        sealedBody / sealed * header.chunkSize() + Math.max(0, sealedBody % sealed - TAG_BYTES);
    if (offset >= plaintext && offset > 0) {
      return InputStream.nullInputStream();
    }
    long chunk = offset / header.chunkSize();
    file.position(header.encode().length + chunk * sealed);
    InputStream body =
        new java.io.BufferedInputStream(
            Channels.newInputStream(file), (int) Math.min(sealed * 2, 1 << 20));
    return new Decrypting(
        new DataInputStream(body),
        keys.get(header.keyId()),
        header,
        chunk,
        (int) (offset % header.chunkSize()));
  }

  /** The key id a stored object was written with (for rotation). */
  public static String keyIdOf(InputStream source) throws IOException {
    return Header.read(new DataInputStream(source)).keyId();
  }

  record Header(String keyId, byte[] noncePrefix, int chunkSize) {
    /** A header for a new file: the active key and a nonce prefix of its own. */
    static Header fresh(KeyRing keys, int chunkSize) {
      byte[] prefix = new byte[8];
      RANDOM.nextBytes(prefix);
      return new Header(keys.activeId(), prefix, chunkSize);
    }

    /** The length of a sealed chunk of {@code plaintext} bytes. */
    static int sealedSize(int plaintext) {
      return plaintext + TAG_BYTES;
    }

    byte[] encode() {
      byte[] id = keyId.getBytes(StandardCharsets.US_ASCII);
      ByteBuffer b = ByteBuffer.allocate(4 + 1 + 1 + id.length + 8 + 4);
      b.put(MAGIC).put((byte) VERSION).put((byte) id.length).put(id).put(noncePrefix);
      b.putInt(chunkSize);
      return b.array();
    }

    static Header read(DataInputStream in) throws IOException {
      byte[] magic = new byte[4];
      in.readFully(magic);
      if (!Arrays.equals(magic, MAGIC)) {
        throw new IOException("not an encrypted object of this store");
      }
      int version = in.readUnsignedByte();
      if (version != VERSION) {
        throw new IOException("unknown encryption format version " + version);
      }
      byte[] id = new byte[in.readUnsignedByte()];
      in.readFully(id);
      byte[] prefix = new byte[8];
      in.readFully(prefix);
      int chunkSize = in.readInt();
      if (chunkSize < 1024 || chunkSize > (16 << 20)) {
        throw new IOException("implausible chunk size " + chunkSize);
      }
      return new Header(new String(id, StandardCharsets.US_ASCII), prefix, chunkSize);
    }
  }

  static byte[] nonce(byte[] prefix, long chunk) {
    if (chunk > 0xFFFFFFFFL) {
      throw new IllegalStateException("file too large for one nonce prefix");
    }
    return ByteBuffer.allocate(12).put(prefix).putInt((int) chunk).array();
  }

  static byte[] aad(byte[] header, boolean last) {
    byte[] aad = Arrays.copyOf(header, header.length + 1);
    aad[header.length] = (byte) (last ? 1 : 0);
    return aad;
  }

  /**
   * Seals plaintext chunk {@code index} of a file with header {@code encodedHeader} into {@code
   * out} at {@code outOff}; returns the sealed length ({@code len + TAG_BYTES}). Each index of a
   * file must be sealed at most once: a second plaintext under the same nonce gives both away.
   */
  static int seal(
      SecretKey key,
      Header header,
      byte[] encodedHeader,
      long index,
      boolean last,
      byte[] in,
      int off,
      int len,
      byte[] out,
      int outOff)
      throws IOException {
    try {
      return cipher(Cipher.ENCRYPT_MODE, key, header, encodedHeader, index, last)
          .doFinal(in, off, len, out, outOff);
    } catch (GeneralSecurityException e) {
      throw new IOException("encryption failed", e);
    }
  }

  /** Opens sealed chunk {@code index}; fails on a chunk that is damaged, moved or not ours. */
  static byte[] open(
      SecretKey key,
      Header header,
      byte[] encodedHeader,
      long index,
      boolean last,
      byte[] sealed,
      int off,
      int len)
      throws IOException {
    try {
      return cipher(Cipher.DECRYPT_MODE, key, header, encodedHeader, index, last)
          .doFinal(sealed, off, len);
    } catch (AEADBadTagException e) {
      throw new IOException(
          "encrypted object is damaged, truncated or not ours (chunk " + index + ")", e);
    } catch (GeneralSecurityException e) {
      throw new IOException("decryption failed", e);
    }
  }

  /** AES-GCM for chunk {@code index}: its nonce, and the header and final flag as its AAD. */
  private static Cipher cipher(
      int mode, SecretKey key, Header header, byte[] encodedHeader, long index, boolean last)
      throws GeneralSecurityException {
    Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
    cipher.init(mode, key, new GCMParameterSpec(TAG_BYTES * 8, nonce(header.noncePrefix(), index)));
    cipher.updateAAD(aad(encodedHeader, last));
    return cipher;
  }

  private static final class Encrypting extends FilterOutputStream {
    private final SecretKey key;
    private final Header header;
    private final byte[] encodedHeader;
    private final byte[] buffer;
    private final byte[] sealed;
    private int filled;
    private long chunk;
    private boolean closed;

    Encrypting(OutputStream sink, SecretKey key, Header header, byte[] encodedHeader) {
      super(sink);
      this.key = key;
      this.header = header;
      this.encodedHeader = encodedHeader;
      this.buffer = new byte[header.chunkSize()];
      this.sealed = new byte[Header.sealedSize(header.chunkSize())];
    }

    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      while (len > 0) {
        if (filled == buffer.length) {
          // Only now is it known that this full chunk is not the last one.
          seal(false);
        }
        int n = Math.min(len, buffer.length - filled);
        System.arraycopy(b, off, buffer, filled, n);
        filled += n;
        off += n;
        len -= n;
      }
    }

    private void seal(boolean last) throws IOException {
      int n =
          ChunkedAesGcm.seal(key, header, encodedHeader, chunk, last, buffer, 0, filled, sealed, 0);
      out.write(sealed, 0, n);
      chunk++;
      filled = 0;
    }

    @Override
    public void flush() throws IOException {
      out.flush();
    }

    @Override
    public void close() throws IOException {
      if (closed) {
        return;
      }
      closed = true;
      try {
        seal(true);
        out.flush();
      } finally {
        Arrays.fill(buffer, (byte) 0);
        out.close();
      }
    }
  }

  private static final class Decrypting extends InputStream {
    private final DataInputStream in;
    private final SecretKey key;
    private final Header header;
    private final byte[] encodedHeader;
    private final byte[] sealed;
    private byte[] plain = new byte[0];
    private int position;
    private long chunk;
    private int skip;
    private boolean done;
    private int lookahead = -2;

    Decrypting(DataInputStream in, SecretKey key, Header header, long firstChunk, int skip) {
      this.in = in;
      this.key = key;
      this.header = header;
      this.encodedHeader = header.encode();
      this.sealed = new byte[header.chunkSize() + TAG_BYTES];
      this.chunk = firstChunk;
      this.skip = skip;
    }

    @Override
    public int read() throws IOException {
      return OneByteRead.from(this);
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      while (position == plain.length) {
        if (done) {
          return -1;
        }
        next();
      }
      int n = Math.min(len, plain.length - position);
      System.arraycopy(plain, position, b, off, n);
      position += n;
      return n;
    }

    private void next() throws IOException {
      int length = 0;
      if (lookahead >= 0) {
        sealed[0] = (byte) lookahead;
        length = 1;
      }
      while (length < sealed.length) {
        int n = in.read(sealed, length, sealed.length - length);
        if (n < 0) {
          break;
        }
        length += n;
      }
      if (length < TAG_BYTES) {
        throw new EOFException("encrypted object is truncated");
      }
      lookahead = length == sealed.length ? in.read() : -1;
      boolean last = lookahead < 0;
      plain = open(key, header, encodedHeader, chunk, last, sealed, 0, length);
      chunk++;
      position = Math.min(skip, plain.length);
      skip -= position;
      done = last;
    }

    @Override
    public void close() throws IOException {
      in.close();
    }
  }

  /** For tests: the sealed length of a plaintext of {@code size} bytes. */
  static long sealedLength(String keyId, long size, int chunkSize) {
    long chunks = Math.max(1, (size + chunkSize - 1) / chunkSize);
    if (size > 0 && size % chunkSize == 0) {
      chunks = size / chunkSize;
    }
    return new Header(keyId, new byte[8], chunkSize).encode().length + size + chunks * TAG_BYTES;
  }
}
