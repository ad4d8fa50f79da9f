package io.fileparser.upload;

import io.fileparser.problem.ProblemException;
import io.fileparser.problem.ProblemType;
import io.fileparser.security.Caller;
import io.fileparser.storage.ObjectStore;
import io.fileparser.storage.StagedObject;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The upload pipeline, the same for every transport: stream to staging while hashing and counting,
 * recognise the content, then register the file and its job. Streaming runs outside any transaction
 * (a 2 GiB body must not hold a database connection); registration is one short transaction in
 * {@link UploadRegistrar}.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class UploadService {

  private static final Logger LOG = Logger.getLogger(UploadService.class.getName());
  static final int HEAD_SIZE = 64 * 1024;

  @Inject ObjectStore store;
  @Inject UploadRegistrar registrar;

  @Inject
  @ConfigProperty(name = "fileparser.upload.max-bytes", defaultValue = "2147483648")
  long maxBytes;

  private final ContentSniffer sniffer = new ContentSniffer();

  public long maxBytes() {
    return maxBytes;
  }

  /**
   * Streams one file to staging and recognises it. Nothing remains stored when this throws.
   *
   * @throws ProblemException {@code invalid_filename}, {@code file_too_large}, {@code empty_file},
   *     {@code unsupported_format}, {@code incomplete_upload} or {@code storage_unavailable}
   */
  public ReceivedFile receive(Caller caller, InputStream content, String filename) {
    String name = FilenamePolicy.validate(filename);
    Instant receivedAt = now();
    InspectingInputStream inspecting = new InspectingInputStream(content, maxBytes, HEAD_SIZE);
    StagedObject staged;
    try {
      staged = store.stage(inspecting);
    } catch (InspectingInputStream.LimitExceeded e) {
      throw tooLarge();
    } catch (InspectingInputStream.SourceFailure e) {
      throw new ProblemException(
          ProblemType.INCOMPLETE_UPLOAD,
          "the upload body could not be read to its end: " + e.getMessage());
    } catch (IOException e) {
      LOG.log(Level.SEVERE, "staging failed for tenant " + caller.tenantId(), e);
      throw new ProblemException(
          ProblemType.STORAGE_UNAVAILABLE, "the file could not be stored; try again later");
    }
    if (staged.size() == 0) {
      store.discard(staged);
      throw new ProblemException(ProblemType.EMPTY_FILE, "the file '" + name + "' is empty");
    }
    Detection detection = sniffer.detect(inspecting.head(), inspecting.headLength());
    if (!detection.isSupported()) {
      store.discard(staged);
      throw new ProblemException(
          ProblemType.UNSUPPORTED_FORMAT,
          "the content is "
              + detection.mimeType()
              + "; accepted are PDF, CSV and CDR call records, recognised by content",
          Map.of("detectedType", detection.mimeType()));
    }
    return new ReceivedFile(
        staged, name, inspecting.sha256(), staged.size(), detection, receivedAt, now());
  }

  /**
   * Registers a received file and creates its job (state {@code QUEUED}). The same content already
   * stored for the tenant is not stored again; a repeated {@code Idempotency-Key} with the same
   * request answers with the original job.
   */
  public UploadOutcome submit(
      Caller caller, ReceivedFile file, UploadOptions options, String idempotencyKey) {
    String fingerprint = fingerprint(file, options);
    URI uri = null;
    try {
      var replay = registrar.replay(caller, idempotencyKey, fingerprint);
      if (replay.isPresent()) {
        store.discard(file.staged());
        return new UploadOutcome(replay.get(), true);
      }
      uri = store.promote(file.staged(), caller.tenantId(), file.sha256());
      return registerWithRetry(caller, file, uri, options, idempotencyKey, fingerprint);
    } catch (IOException e) {
      store.discard(file.staged());
      LOG.log(Level.SEVERE, "promotion failed for tenant " + caller.tenantId(), e);
      throw new ProblemException(
          ProblemType.STORAGE_UNAVAILABLE, "the file could not be stored; try again later");
    } catch (RuntimeException e) {
      store.discard(file.staged());
      if (uri != null) {
        removeIfUnreferenced(caller, file.sha256(), uri);
      }
      throw e;
    }
  }

  /** Drops a received file that will not be submitted (the rest of the request was bad). */
  public void discard(ReceivedFile file) {
    store.discard(file.staged());
  }

  private UploadOutcome registerWithRetry(
      Caller caller,
      ReceivedFile file,
      URI uri,
      UploadOptions options,
      String idempotencyKey,
      String fingerprint) {
    try {
      return registrar.register(caller, file, uri, options, idempotencyKey, fingerprint);
    } catch (UploadRegistrar.ConcurrentRegistration e) {
      // Another request registered the same bytes or key meanwhile; its rows are now visible.
      return registrar.register(caller, file, uri, options, idempotencyKey, fingerprint);
    }
  }

  private void removeIfUnreferenced(Caller caller, String sha256, URI uri) {
    try {
      if (!registrar.isRegistered(caller.tenantId(), sha256)) {
        store.delete(uri);
      }
    } catch (IOException | RuntimeException e) {
      LOG.log(Level.WARNING, "could not clean up " + uri, e);
    }
  }

  /** Same key, same request: the bytes and every option that shapes the job. */
  static String fingerprint(ReceivedFile file, UploadOptions options) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      for (String part :
          new String[] {
            file.sha256(),
            file.filename(),
            Integer.toString(options.priority()),
            options.templateId(),
            options.metadata(),
            options.queuePriority() == null ? null : options.queuePriority().toString()
          }) {
        // Length-prefixed, and an absent value (-1) differs from any string, even "null".
        byte[] bytes = part == null ? new byte[0] : part.getBytes(StandardCharsets.UTF_8);
        String length = part == null ? "-1" : Integer.toString(bytes.length);
        digest.update(length.getBytes(StandardCharsets.US_ASCII));
        digest.update((byte) ':');
        digest.update(bytes);
      }
      return HexFormat.of().formatHex(digest.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by the Java platform", e);
    }
  }

  private ProblemException tooLarge() {
    return new ProblemException(
        ProblemType.FILE_TOO_LARGE,
        "the file is larger than the limit of " + maxBytes + " bytes",
        Map.of("maxBytes", maxBytes));
  }

  private static Instant now() {
    return Instant.now().truncatedTo(ChronoUnit.MICROS);
  }
}
