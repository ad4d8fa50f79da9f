package io.fileparser.storage;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Seals, opens and hashes some thousands of small chunks once, in the background when the
 * application starts, so that the first large uploads after a deployment are encrypted and hashed
 * at the speed of later ones.
 *
 * <p>The JDK's AES-GCM and SHA-256 run on the processor's AES, carry-less multiply and SHA
 * instructions only from code its optimising compiler (C2) has compiled; until then they run in
 * plain Java at a tenth of that speed or less. An upload seals one call per 64 KiB chunk, so on a
 * new JVM the callers reach C2 only after some hundreds of MiB: measured on a fresh domain, the
 * first 100 MiB uploaded at about 0.6 times the speed of later ones. Small chunks make the calls
 * without the bytes: 20,000 of 4 KiB, sealed, opened and hashed, take about two seconds of one
 * core, after which 64 KiB chunks are sealed and hashed at full speed from the first (about 0.7
 * GiB/s here, where a new JVM's first 64 MiB went at about 60 MiB/s).
 */
@Startup
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class CipherWarmUp {

  private static final Logger LOG = Logger.getLogger(CipherWarmUp.class.getName());
  private static final int CHUNK = 4 * 1024;
  private static final int CHUNKS_PER_ROUND = 256;

  @Resource(lookup = "concurrent/parserExecutor")
  ManagedExecutorService executor;

  /** How many chunks to seal (and open and hash); 0 leaves the warm-up out. */
  @Inject
  @ConfigProperty(name = "fileparser.storage.warm-up-chunks", defaultValue = "20000")
  int chunks;

  @PostConstruct
  void start() {
    if (chunks <= 0) {
      return;
    }
    try {
      executor.execute(this::runLogged);
    } catch (RejectedExecutionException e) {
      LOG.log(Level.WARNING, "encryption warm-up not started; uploads run as fast later", e);
    }
  }

  private void runLogged() {
    long started = System.nanoTime();
    try {
      warm(chunks);
      LOG.info(
          () ->
              "sealed, opened and hashed "
                  + chunks
                  + " chunks in "
                  + (System.nanoTime() - started) / 1_000_000
                  + " ms");
    } catch (IOException | RuntimeException e) {
      LOG.log(Level.WARNING, "encryption warm-up failed; uploads run as fast later", e);
    }
  }

  /**
   * Seals at least {@code chunks} chunks of {@link #CHUNK} bytes under a throwaway key in the
   * store's format, opens them again and hashes both sides; fails if a chunk does not open to what
   * was sealed.
   */
  static void warm(int chunks) throws IOException {
    SecureRandom random = new SecureRandom();
    byte[] key = new byte[32];
    random.nextBytes(key);
    KeyRing ring = new KeyRing(Map.of("warm-up", key), "warm-up");
    byte[] plain = new byte[CHUNK * CHUNKS_PER_ROUND];
    random.nextBytes(plain);
    MessageDigest sent = sha256();
    MessageDigest opened = sha256();
    byte[] buffer = new byte[CHUNK];
    for (int done = 0; done < chunks; done += CHUNKS_PER_ROUND) {
      ByteArrayOutputStream sealed = new ByteArrayOutputStream(plain.length + plain.length / 64);
      try (OutputStream out = ChunkedAesGcm.encrypting(sealed, ring, CHUNK)) {
        for (int off = 0; off < plain.length; off += CHUNK) {
          out.write(plain, off, CHUNK);
          sent.update(plain, off, CHUNK);
        }
      }
      try (InputStream in =
          ChunkedAesGcm.decrypting(new ByteArrayInputStream(sealed.toByteArray()), ring)) {
        for (int n; (n = in.read(buffer)) > 0; ) {
          opened.update(buffer, 0, n);
        }
      }
      if (!MessageDigest.isEqual(sent.digest(), opened.digest())) {
        throw new IOException("a sealed chunk did not open to what was sealed");
      }
    }
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }
}
