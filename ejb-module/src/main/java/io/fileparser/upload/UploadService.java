package io.fileparser.upload;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fileparser.files.entity.ScanStatus;
import io.fileparser.problem.ProblemException;
import io.fileparser.problem.ProblemType;
import io.fileparser.scan.ClamdException;
import io.fileparser.scan.ScanVerdict;
import io.fileparser.scan.VirusScanner;
import io.fileparser.security.Caller;
import io.fileparser.security.Role;
import io.fileparser.storage.ObjectStore;
import io.fileparser.storage.StagedObject;
import io.fileparser.templates.FixedWidthTemplates;
import io.fileparser.templates.TemplateCatalog;
import io.fileparser.upload.detection.ContentSniffer;
import io.fileparser.upload.detection.DeclaredFormat;
import io.fileparser.upload.detection.Detection;
import io.fileparser.upload.validation.GzipGuard;
import io.fileparser.upload.validation.ValidationFailure;
import io.fileparser.upload.validation.ValidationLimits;
import io.fileparser.workflow.JobDependencies;
import io.fileparser.workflow.Schedules;
import io.fileparser.workflow.WorkflowOptions;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PushbackInputStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
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

  /** A file smaller than this is held in memory while it is checked, and written once accepted. */
  static final int INLINE_SIZE = 1024 * 1024;

  /** Bytes of an upload waiting for each check beside the store, at most. */
  static final long BRANCH_CAPACITY = 1024 * 1024;

  /** How long the end of an upload waits for a check beside the store once all is stored. */
  static final long CHECK_TIMEOUT_S = 600;

  private static final ObjectMapper JSON = new ObjectMapper();

  @Inject ObjectStore store;
  @Inject UploadRegistrar registrar;
  @Inject TenantPolicies policies;
  @Inject VirusScanner scanner;
  @Inject TemplateCatalog templates;
  @Inject FixedWidthTemplates fixedWidth;
  @Inject JobDependencies dependencies;
  @Inject Schedules schedules;
  @Inject UploadChecks sideChecks;
  @Inject ScanOutcomes scanOutcomes;

  /**
   * How long an upload's answer waits for clamd's verdict once every other check is done (clamd
   * scans a stream only after its last byte): past it, the file waits in staging and its job in
   * {@code SCANNING} for the verdict ({@link LateVerdict}). Files held in memory (under {@link
   * #INLINE_SIZE}) always wait for it.
   */
  @Inject
  @ConfigProperty(name = "fileparser.scan.verdict-wait-ms", defaultValue = "250")
  long verdictWaitMillis;

  @Inject
  @ConfigProperty(name = "fileparser.validation.csv-ragged-tolerance", defaultValue = "0.02")
  double raggedTolerance;

  @Inject
  @ConfigProperty(name = "fileparser.upload.max-bytes", defaultValue = "2147483648")
  long maxBytes;

  /** Unset: {@link ValidationLimits#DEFAULT_MAX_GZIP_MEMBERS}. */
  @Inject
  @ConfigProperty(name = "fileparser.validation.gzip-max-members")
  Optional<Integer> gzipMaxMembers;

  private final ContentSniffer sniffer = new ContentSniffer();

  public long maxBytes() {
    return maxBytes;
  }

  private Duration verdictWait() {
    return Duration.ofMillis(Math.max(0, verdictWaitMillis));
  }

  /**
   * Streams one file to staging (decompressing gzip on the way), recognises it, checks it deeply
   * and scans it, in one pass over its bytes: as they are hashed, encrypted and written, they are
   * also streamed to clamd and through the format's validation, each on a thread of its own (see
   * {@link Branch}), and the call ends when the slowest of them ends. A file smaller than {@link
   * #INLINE_SIZE} is held in memory instead, checked from there, and written only when accepted.
   * Nothing remains stored when this throws.
   *
   * @param declaredType the media type the client declared for the file, or null
   * @throws ProblemException for every refusal, with its stable code
   */
  public ReceivedFile receive(
      Caller caller, InputStream content, String filename, String declaredType) {
    return receive(caller, content, filename, declaredType, false);
  }

  /**
   * {@link #receive(Caller, InputStream, String, String)}, and with {@code respondAsync} (the
   * client's {@code Prefer: respond-async}) without waiting for the virus scanner's verdict of a
   * file larger than {@link #INLINE_SIZE} once the other checks are done: the file then waits in
   * staging for it, its job in {@code SCANNING}.
   */
  public ReceivedFile receive(
      Caller caller,
      InputStream content,
      String filename,
      String declaredType,
      boolean respondAsync) {
    String name = FilenamePolicy.validate(filename);
    TenantPolicies.Policy policy = policies.of(caller.tenantId());
    ValidationLimits limits = limits(policy);
    Instant receivedAt = now();
    PushbackInputStream raw = new PushbackInputStream(content, 3);
    boolean gzip;
    try {
      byte[] magic = raw.readNBytes(3);
      raw.unread(magic);
      gzip = GzipGuard.isGzip(magic, magic.length);
    } catch (IOException e) {
      throw incomplete(e);
    }
    // A gzip upload is held to the size limit twice: as sent and as decompressed.
    InputStream plain =
        gzip ? GzipGuard.decompressing(InspectingInputStream.limited(raw, maxBytes), limits) : raw;
    InspectingInputStream inspecting = new InspectingInputStream(plain, maxBytes, HEAD_SIZE);
    byte[] first;
    try {
      first = inspecting.readNBytes(INLINE_SIZE);
    } catch (IOException | ValidationFailure e) {
      throw receiveFailure(caller, e);
    }
    if (first.length == 0) {
      throw new ProblemException(ProblemType.EMPTY_FILE, "the file '" + name + "' is empty");
    }
    Detection detection = detect(caller, inspecting.head(), inspecting.headLength());
    Checks checks =
        new Checks(caller, policy, limits, name, declaredType, detection, gzip, receivedAt)
            .waitingForTheVerdict(respondAsync ? Duration.ZERO : verdictWait());
    if (first.length < INLINE_SIZE) {
      return checks.inMemory(first, inspecting.sha256());
    }
    return checks.streamed(first, inspecting);
  }

  /**
   * A file that is staged already, whole, with its SHA-256 known (a resumable upload assembled from
   * its parts in the store): recognised, checked and scanned like {@link #receive}, without being
   * staged again. A gzip file is decompressed into a staged object of its own, as {@link #receive}
   * does; {@code staged} is then removed once that is done. Unlike {@link #receive}, {@code staged}
   * is left where it is when this throws: the caller decides whether it is tried again. With {@code
   * respondAsync}, as {@link #receive(Caller, InputStream, String, String, boolean)}.
   *
   * @throws ProblemException for every refusal, with its stable code; {@code storage_unavailable}
   *     when the staged object cannot be read
   */
  public ReceivedFile receiveStaged(
      Caller caller,
      StagedObject staged,
      String sha256,
      String filename,
      String declaredType,
      boolean respondAsync) {
    String name = FilenamePolicy.validate(filename);
    if (staged.size() > maxBytes) {
      throw tooLarge();
    }
    byte[] head;
    try (InputStream in = store.openStaged(staged)) {
      head = in.readNBytes(HEAD_SIZE);
    } catch (IOException e) {
      throw storageUnavailable("read", "the staged file could not be read back", e);
    }
    if (GzipGuard.isGzip(head, head.length)) {
      ReceivedFile decompressed;
      boolean[] readFailed = {false};
      try (InputStream in = store.openStaged(staged)) {
        InputStream watched =
            new java.io.FilterInputStream(in) {
              @Override
              public int read(byte[] b, int off, int len) throws IOException {
                try {
                  return super.read(b, off, len);
                } catch (IOException e) {
                  readFailed[0] = true;
                  throw e;
                }
              }
            };
        decompressed = receive(caller, watched, filename, declaredType, respondAsync);
      } catch (IOException e) {
        throw storageUnavailable("read", "the staged file could not be read back", e);
      } catch (ProblemException e) {
        if (readFailed[0]) {
          // Our own store failed while it was read: not the client's broken body.
          throw new ProblemException(
              ProblemType.STORAGE_UNAVAILABLE, "the file could not be read; try again later");
        }
        throw e;
      }
      store.discard(staged);
      return decompressed;
    }
    if (staged.size() == 0) {
      throw new ProblemException(ProblemType.EMPTY_FILE, "the file '" + name + "' is empty");
    }
    TenantPolicies.Policy policy = policies.of(caller.tenantId());
    Detection detection = detect(caller, head, head.length);
    return new Checks(caller, policy, limits(policy), name, declaredType, detection, false, now())
        .waitingForTheVerdict(respondAsync ? Duration.ZERO : verdictWait())
        .fromStore(staged, sha256);
  }

  /**
   * Starts the checks of a file whose bytes will arrive over several calls, in order (a resumable
   * upload's chunks): {@link Inspection#write} them as they are staged, then {@link
   * Inspection#conclude} with the whole file staged, instead of {@link #receiveStaged} reading it
   * back. Recognition waits for the first {@link #HEAD_SIZE} bytes (or the end); a gzip file is
   * declined. The checks run on threads of {@link UploadChecks}; a check that found none reads the
   * staged file at the end, as on receipt.
   */
  public Inspection inspect(Caller caller, String filename, String declaredType) {
    String name = FilenamePolicy.validate(filename);
    TenantPolicies.Policy policy = policies.of(caller.tenantId());
    ValidationLimits limits = limits(policy);
    Instant receivedAt = now();
    return new Inspection(
        HEAD_SIZE,
        head -> {
          if (GzipGuard.isGzip(head, head.length)) {
            return null;
          }
          Detection detection = detect(caller, head, head.length);
          return new Checks(
                  caller, policy, limits, name, declaredType, detection, false, receivedAt)
              .waitingForTheVerdict(verdictWait())
              .inspecting();
        });
  }

  /** Maps a failure while the client's body was read and stored to the problem it answers. */
  private ProblemException receiveFailure(Caller caller, Exception e) {
    if (e instanceof InspectingInputStream.LimitExceeded) {
      return tooLarge();
    }
    if (e instanceof ValidationFailure failure) {
      return problem(failure);
    }
    if (e instanceof InspectingInputStream.SourceFailure broken) {
      return incomplete(broken);
    }
    if (e instanceof ProblemException problem) {
      return problem;
    }
    // Corrupt gzip data arrives as ValidationFailure and a broken client body as SourceFailure, so
    // what is left here is the store's own failure.
    return storageUnavailable("stored", "staging failed for tenant " + caller.tenantId(), e);
  }

  /** The checks of one file, and its refusals in the order they are reported: malware first. */
  private final class Checks {

    private final Caller caller;
    private final TenantPolicies.Policy policy;
    private final ValidationLimits limits;
    private final String name;
    private final Detection detection;
    private final boolean gzip;
    private final Instant receivedAt;

    /** Why the format is refused (unsupported, or not what was declared), known from the head. */
    private final ProblemException formatRefusal;

    /** How long the answer waits for a scan beside the store once the rest is done. */
    private Duration verdictWait = Duration.ofSeconds(CHECK_TIMEOUT_S);

    Checks(
        Caller caller,
        TenantPolicies.Policy policy,
        ValidationLimits limits,
        String name,
        String declaredType,
        Detection detection,
        boolean gzip,
        Instant receivedAt) {
      this.caller = caller;
      this.policy = policy;
      this.limits = limits;
      this.name = name;
      this.detection = detection;
      this.gzip = gzip;
      this.receivedAt = receivedAt;
      this.formatRefusal = formatRefusal(detection, name, declaredType);
    }

    Checks waitingForTheVerdict(Duration wait) {
      this.verdictWait = wait;
      return this;
    }

    /** A small file, whole in memory: checked first, written only when accepted. */
    ReceivedFile inMemory(byte[] content, String sha256) {
      // The steps are timed from here: the file is whole in our hands (it is written once
      // accepted, before it is registered), so scanning and validation follow "stored".
      Instant heldAt = now();
      Scanned scanned = scan(policy, () -> new ByteArrayInputStream(content));
      boolean quarantined = decide(scanned, sha256);
      String facts = quarantined ? null : facts(() -> new ByteArrayInputStream(content));
      StagedObject staged;
      try {
        staged = store.stage(new ByteArrayInputStream(content));
      } catch (IOException e) {
        throw storageUnavailable("stored", "staging failed for tenant " + caller.tenantId(), e);
      }
      return received(staged, sha256, heldAt, facts, scanned);
    }

    /**
     * A larger file, {@code first} its first bytes and {@code rest} the others: stored while clamd
     * and the validation read it beside the store.
     */
    ReceivedFile streamed(byte[] first, InspectingInputStream rest) {
      SideChecks side = startSideChecks();
      Tee tee =
          new Tee(new SequenceInputStream(new ByteArrayInputStream(first), rest), side.branches());
      StagedObject staged;
      try {
        staged = store.stage(tee);
        tee.finish();
      } catch (IOException | RuntimeException e) {
        tee.fail(e instanceof IOException io ? io : new IOException(e));
        side.settle();
        throw receiveFailure(caller, e);
      }
      try {
        Instant storedAt = now();
        return conclude(side, staged, rest.sha256(), storedAt, verdictDeadline(staged, storedAt));
      } catch (RuntimeException e) {
        store.discard(staged);
        throw e;
      }
    }

    /** A file staged already (an assembled resumable upload): checked from the store. */
    ReceivedFile fromStore(StagedObject staged, String sha256) {
      Instant storedAt = now();
      // Read back once: clamd and the validation take the bytes side by side, as on receipt.
      SideChecks side = startSideChecks();
      if (!side.branches().isEmpty()) {
        try (InputStream in = store.openStaged(staged)) {
          Tee tee = new Tee(in, side.branches());
          tee.transferTo(OutputStream.nullOutputStream());
          tee.finish();
        } catch (IOException | RuntimeException e) {
          side.branches().forEach(branch -> branch.fail(new IOException("reading back failed", e)));
          side.settle();
          throw storageUnavailable("read", "the staged file could not be read back", e);
        }
      }
      return conclude(side, staged, sha256, storedAt, verdictDeadline(staged, now()));
    }

    /**
     * Checks started for an {@link Inspection}: they read the chunks as they are staged, and
     * conclude once the whole file is. A live scan that found clamd away is repeated from the
     * store: between two chunks the connection waited on the client, and clamd may have timed it
     * out, which says nothing of the scanner.
     */
    Inspection.Running inspecting() {
      SideChecks side = startSideChecks();
      return new Inspection.Running() {
        @Override
        public List<Branch> branches() {
          return side.branches();
        }

        @Override
        public ReceivedFile conclude(StagedObject staged, String sha256, boolean respondAsync) {
          Instant storedAt = now();
          if (respondAsync) {
            waitingForTheVerdict(Duration.ZERO);
          }
          Instant verdictBy = verdictDeadline(staged, storedAt);
          SideChecks concluded = side;
          try {
            Scanned scanned =
                side.scanning() == null ? null : verdictBy(side.scanning(), verdictBy);
            if (scanned != null && scanned.at() == null) {
              concluded = new SideChecks(side.branches(), null, side.validating());
            }
          } catch (RuntimeException e) {
            side.settle();
            throw e;
          }
          return Checks.this.conclude(concluded, staged, sha256, storedAt, verdictBy);
        }

        @Override
        public void settle() {
          side.settle();
        }
      };
    }

    /**
     * Until when the answer waits for the verdict on {@code staged}, the rest done at {@code from}:
     * a file under {@link #INLINE_SIZE} (a small resumable upload) waits for it, as one held in
     * memory does.
     */
    private Instant verdictDeadline(StagedObject staged, Instant from) {
      return from.plus(
          staged.size() < INLINE_SIZE ? Duration.ofSeconds(CHECK_TIMEOUT_S) : verdictWait);
    }

    /** A live scan's outcome if it is there by {@code deadline}, else null. */
    private Scanned verdictBy(Future<Scanned> scanning, Instant deadline) {
      long millis = Math.max(0, Duration.between(Instant.now(), deadline).toMillis());
      if (millis < TimeUnit.SECONDS.toMillis(CHECK_TIMEOUT_S)) {
        try {
          scanning.get(millis, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
          return null;
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return null;
        } catch (ExecutionException e) {
          // outcome() answers it
        }
      }
      return outcome(scanning);
    }

    /**
     * Starts the checks that read the bytes beside one pass over them: the scan (when scanning is
     * on) and the validation (when the format is not refused already), each when a thread is free.
     */
    private SideChecks startSideChecks() {
      List<Branch> branches = new ArrayList<>();
      Future<Scanned> scanning = null;
      if (scanner.isEnabled()) {
        scanning = beside("the virus scan", in -> scan(policy, () -> in), branches);
      }
      Future<String> validating = null;
      if (formatRefusal == null) {
        validating = beside("the validation", this::validation, branches);
      }
      return new SideChecks(branches, scanning, validating);
    }

    /**
     * The file as the checks found it, malware first: each check's outcome from beside the pass, or
     * read from the store when it had no thread. No check outlives a refusal. A scan beside the
     * pass whose verdict is not there by {@code verdictBy} is left running for a file the other
     * checks accept ({@link LateVerdict}); for one they refuse it is waited for, so that malware is
     * still what such a file is refused for.
     */
    private ReceivedFile conclude(
        SideChecks side, StagedObject staged, String sha256, Instant storedAt, Instant verdictBy) {
      try {
        Scanned scanned =
            side.scanning() != null
                ? verdictBy(side.scanning(), verdictBy)
                : scan(policy, () -> store.openStaged(staged));
        if (scanned == null) {
          return verdictToCome(side, staged, sha256, storedAt);
        }
        String facts = decide(scanned, sha256) ? null : validatedFacts(side, staged);
        return received(staged, sha256, storedAt, facts, scanned);
      } catch (RuntimeException e) {
        side.settle();
        throw e;
      }
    }

    /**
     * The format's facts, from the validation beside the pass or read from the store when it had no
     * thread; refuses the format first.
     */
    private String validatedFacts(SideChecks side, StagedObject staged) {
      refuseFormat();
      return side.validating() != null
          ? outcome(side.validating())
          : facts(() -> store.openStaged(staged));
    }

    /** The file with its other checks done and clamd's verdict still to come. */
    private ReceivedFile verdictToCome(
        SideChecks side, StagedObject staged, String sha256, Instant storedAt) {
      String facts;
      try {
        facts = validatedFacts(side, staged);
      } catch (ProblemException refusal) {
        Scanned scanned = outcome(side.scanning());
        if (decide(scanned, sha256)) {
          return received(staged, sha256, storedAt, null, scanned); // quarantined as it came
        }
        throw refusal;
      }
      Future<Scanned> scanning = side.scanning();
      LOG.fine(() -> "the verdict on " + sha256 + " comes after the upload's answer");
      LateVerdict late =
          new LateVerdict() {
            @Override
            public Optional<ScanVerdict> await() {
              try {
                return Optional.ofNullable(
                    scanning.get(CHECK_TIMEOUT_S, TimeUnit.SECONDS).verdict());
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                scanning.cancel(true);
                return Optional.empty();
              } catch (ExecutionException | TimeoutException | RuntimeException e) {
                scanning.cancel(true);
                LOG.log(
                    Level.WARNING, "the late scan of " + sha256 + " failed; it is rescanned", e);
                return Optional.empty();
              }
            }

            @Override
            public void cancel() {
              scanning.cancel(true);
            }
          };
      MalwarePolicy.Decision waiting =
          new MalwarePolicy.Decision(
              MalwarePolicy.Action.WAIT_FOR_RESCAN, ScanStatus.PENDING, null);
      return received(staged, sha256, storedAt, facts, new Scanned(waiting, null, null), late);
    }

    /**
     * Acts on the malware policy's decision: throws for a refusal, answers whether the file is
     * quarantined (then no format rule applies: nobody will parse it).
     */
    private boolean decide(Scanned scanned, String sha256) {
      MalwarePolicy.Decision decision = scanned.decision();
      switch (decision.action()) {
        case REJECT -> {
          registrar.recordMalware(caller, "malware.rejected", name, sha256, decision.reason());
          throw new ProblemException(
              ProblemType.MALWARE_DETECTED,
              "the file contains malware (" + decision.reason() + ") and was not stored",
              Map.of("signature", decision.reason()));
        }
        case REFUSE_UNSCANNABLE ->
            throw new ProblemException(
                ProblemType.SCAN_LIMIT_EXCEEDED,
                "the file is larger than the virus scanner accepts: " + decision.reason());
        case WAIT_FOR_RESCAN ->
            LOG.warning(
                () -> scanner.describe() + " unavailable (" + decision.reason() + "): job waits");
        case ACCEPT -> {
          if (decision.reason() != null) {
            LOG.warning(
                () ->
                    scanner.describe() + " unavailable (" + decision.reason() + "): failing open");
          }
        }
        case QUARANTINE -> {
          // Quarantined as it came: no format rules apply to a file nobody will parse.
        }
      }
      return decision.action() == MalwarePolicy.Action.QUARANTINE;
    }

    private void refuseFormat() {
      if (formatRefusal != null) {
        throw formatRefusal;
      }
    }

    /** The format's facts as JSON, read from {@code content}; refuses the format first. */
    private String facts(IoSupplier<InputStream> content) {
      refuseFormat();
      try (InputStream in = content.get()) {
        return validation(in);
      } catch (ValidationFailure e) {
        throw problem(e);
      } catch (IOException e) {
        throw storageUnavailable("checked", "validation could not read the staged file", e);
      }
    }

    private String validation(InputStream in) throws IOException {
      Map<String, Object> details =
          new LinkedHashMap<>(StagedValidation.validate(in, detection, limits));
      if (gzip) {
        details.put("decompressedFromGzip", true);
      }
      return JSON.writeValueAsString(details);
    }

    private ReceivedFile received(
        StagedObject staged, String sha256, Instant storedAt, String facts, Scanned scanned) {
      return received(staged, sha256, storedAt, facts, scanned, null);
    }

    private ReceivedFile received(
        StagedObject staged,
        String sha256,
        Instant storedAt,
        String facts,
        Scanned scanned,
        LateVerdict late) {
      boolean quarantined = scanned.decision().action() == MalwarePolicy.Action.QUARANTINE;
      return new ReceivedFile(
          staged,
          name,
          sha256,
          staged.size(),
          detection,
          receivedAt,
          storedAt,
          gzip,
          facts,
          scanned.decision().status(),
          quarantined ? scanned.decision().reason() : null,
          // Beside the store clamd may answer before the last write is forced to disk: the scan
          // step ends no earlier than storing did.
          scanned.at() == null || !scanned.at().isBefore(storedAt) ? scanned.at() : storedAt,
          late);
    }
  }

  /** A source of a stream that may fail to open. */
  @FunctionalInterface
  private interface IoSupplier<T> {
    T get() throws IOException;
  }

  /** A check reading a stream. */
  @FunctionalInterface
  private interface IoCheck<T> {
    T apply(InputStream in) throws IOException;
  }

  /**
   * Starts {@code check} on a thread of its own reading a new {@link Branch}, added to {@code
   * branches}; null when no thread is free (the check then runs after storing, from the store).
   */
  private <T> Future<T> beside(String name, IoCheck<T> check, List<Branch> branches) {
    Branch branch = new Branch(name, BRANCH_CAPACITY);
    Optional<Future<T>> started =
        sideChecks.start(
            () -> {
              try (InputStream in = branch.reader()) {
                T result = check.apply(in);
                // A check that decided before the end (clamd's size limit) lets the rest go by.
                return result;
              }
            });
    started.ifPresent(future -> branches.add(branch));
    return started.orElse(null);
  }

  /** What a check beside the store found; its failure as the problem it answers. */
  private <T> T outcome(Future<T> check) {
    try {
      return check.get(CHECK_TIMEOUT_S, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof ValidationFailure failure) {
        throw problem(failure);
      }
      if (cause instanceof RuntimeException runtime) {
        throw runtime;
      }
      if (cause instanceof Error error) {
        throw error;
      }
      throw storageUnavailable("checked", "a check of the upload failed", (Exception) cause);
    } catch (TimeoutException e) {
      check.cancel(true);
      throw storageUnavailable("checked", "a check of the upload took too long", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      check.cancel(true);
      throw new ProblemException(
          ProblemType.STORAGE_UNAVAILABLE, "the file could not be checked; try again later");
    }
  }

  /** Waits for a check whose outcome no longer matters, so that none outlives its upload. */
  private static void settle(Future<?> check) {
    if (check == null) {
      return;
    }
    try {
      check.get(CHECK_TIMEOUT_S, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      check.cancel(true);
    } catch (TimeoutException e) {
      check.cancel(true);
    } catch (ExecutionException | RuntimeException e) {
      // its failure is the upload's, reported already
    }
  }

  /** Why the format is refused (unsupported, or not what was declared), or null. */
  private static ProblemException formatRefusal(
      Detection detection, String name, String declaredType) {
    if (!detection.isSupported()) {
      return new ProblemException(
          ProblemType.UNSUPPORTED_FORMAT,
          "the content is "
              + detection.mimeType()
              + "; accepted are PDF, CSV and CDR call records, recognised by content",
          Map.of("detectedType", detection.mimeType()));
    }
    try {
      DeclaredFormat.refuseMismatch(name, declaredType, detection);
      return null;
    } catch (ProblemException e) {
      return e;
    }
  }

  /**
   * What the head is; text no sniffer recognises is still a CDR when a published fixed-width
   * template of the tenant (or a system one) fits it, since a worker will read it with that.
   */
  private Detection detect(Caller caller, byte[] head, int headLength) {
    Detection detection = sniffer.detect(head, headLength);
    if (!ContentSniffer.isPlainText(detection)) {
      return detection;
    }
    return sniffer
        .text(head, headLength)
        .flatMap(
            text ->
                fixedWidth.fitting(caller.tenantId(), text, ContentSniffer.isTruncated(headLength)))
        .map(template -> ContentSniffer.fixedWidthTemplate())
        .orElse(detection);
  }

  /**
   * What the malware policy made of the scan, when the scanner answered and what it said (if it
   * did).
   */
  private record Scanned(MalwarePolicy.Decision decision, Instant at, ScanVerdict verdict) {}

  /** The checks running beside one pass over a file's bytes; null for a check with no thread. */
  private record SideChecks(
      List<Branch> branches, Future<Scanned> scanning, Future<String> validating) {

    /** Waits for the checks whose outcome no longer matters. */
    void settle() {
      UploadService.settle(scanning);
      UploadService.settle(validating);
    }
  }

  private Scanned scan(TenantPolicies.Policy policy, IoSupplier<InputStream> content) {
    if (!scanner.isEnabled()) {
      return new Scanned(MalwarePolicy.scanningDisabled(), null, null);
    }
    MalwarePolicy malware = new MalwarePolicy(policy.scanPolicy(), scanner.isFailOpen());
    try (InputStream in = content.get()) {
      ScanVerdict verdict = scanner.scan(in);
      return new Scanned(malware.onVerdict(verdict), now(), verdict);
    } catch (ClamdException e) {
      return new Scanned(malware.onScannerUnavailable(e.getMessage()), null, null);
    } catch (Branch.WriterFailed e) {
      throw new UncheckedIOException(e); // the upload's failure, answered by its request
    } catch (IOException e) {
      throw storageUnavailable("checked", "scanning could not read the staged file", e);
    }
  }

  private ValidationLimits limits(TenantPolicies.Policy policy) {
    ValidationLimits d = ValidationLimits.defaults();
    return new ValidationLimits(
        d.maxCsvColumns(),
        d.maxCsvLineBytes(),
        raggedTolerance,
        d.maxGzipRatio(),
        maxBytes,
        gzipMaxMembers.orElse(d.maxGzipMembers()),
        policy.allowPdfActiveContent(),
        policy.allowPdfActiveContent(),
        d.maxPdfPages());
  }

  private static ProblemException problem(ValidationFailure failure) {
    ProblemType type = ProblemType.byCode(failure.code()).orElse(ProblemType.INVALID_REQUEST);
    return new ProblemException(type, failure.detail(), failure.facts());
  }

  /** Our storage failed (not the client): logged in full, answered 503 without internals. */
  private static ProblemException storageUnavailable(String verb, String logMessage, Exception e) {
    LOG.log(Level.SEVERE, logMessage, e);
    return new ProblemException(
        ProblemType.STORAGE_UNAVAILABLE, "the file could not be " + verb + "; try again later");
  }

  /** The reason (a reset, a timeout) is the transport's, in Java's words: logged, not answered. */
  private static ProblemException incomplete(IOException e) {
    LOG.fine(() -> "upload body broke off: " + e);
    return new ProblemException(
        ProblemType.INCOMPLETE_UPLOAD,
        "the upload body ended early or the connection broke before its end; send the file again");
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
      checkOptions(caller, options);
      var replay = registrar.replay(caller, idempotencyKey, fingerprint);
      if (replay.isPresent()) {
        cancelLateVerdict(file);
        store.discard(file.staged());
        return new UploadOutcome(replay.get(), true);
      }
      uri =
          switch (file.scan()) {
            case CLEAN, SKIPPED -> store.promote(file.staged(), caller.tenantId(), file.sha256());
            case INFECTED -> store.quarantine(file.staged(), caller.tenantId(), file.sha256());
            case PENDING -> null; // stays staged until the scanner has seen it
          };
      UploadOutcome outcome =
          registerWithRetry(caller, file, uri, options, idempotencyKey, fingerprint);
      followLateVerdict(caller, file);
      return outcome;
    } catch (IOException e) {
      cancelLateVerdict(file);
      store.discard(file.staged());
      throw storageUnavailable("stored", "promotion failed for tenant " + caller.tenantId(), e);
    } catch (RuntimeException e) {
      cancelLateVerdict(file);
      if (file.scan() != ScanStatus.PENDING) {
        store.discard(file.staged());
      }
      if (uri != null) {
        removeIfUnreferenced(caller, file.sha256(), uri);
      }
      throw e;
    }
  }

  /**
   * Refuses options the caller may not set: only an admin or owner overrides the queue priority; a
   * template must be the tenant's (or a system one) with a published version. {@link #submit}
   * checks again before anything is stored; a transport may call this before it receives the file.
   */
  public void checkOptions(Caller caller, UploadOptions options) {
    if (options.queuePriority() != null
        && !caller.hasRole(Role.ADMIN)
        && !caller.hasRole(Role.OWNER)) {
      throw new ProblemException(
          ProblemType.FORBIDDEN, "only an admin or owner may set queuePriority");
    }
    if (options.templateId() != null) {
      templates.pinnable(caller, options.templateId(), options.templateVersion());
    }
    if (options.workflow().scheduleAt() != null) {
      schedules.admit(options.workflow().scheduleAt());
    }
    dependencies.check(caller, options.workflow().dependsOn());
  }

  /** Drops a received file that will not be submitted (the rest of the request was bad). */
  public void discard(ReceivedFile file) {
    cancelLateVerdict(file);
    store.discard(file.staged());
  }

  /**
   * Applies the verdict of a registered file's scan when it comes, on a check thread, and removes
   * the upload's staged copy if the file does not wait on it (the tenant had the bytes already);
   * with no thread free, or when the scan gives no verdict, the rescan of waiting files ({@link
   * PendingScans}) scans the file again from staging, as it does for any file that waits for the
   * scanner, on whatever instance runs it (after a restart too).
   */
  private void followLateVerdict(Caller caller, ReceivedFile file) {
    LateVerdict late = file.lateVerdict();
    if (late == null) {
      return;
    }
    boolean following =
        sideChecks.follow(
            caller.tenantId(),
            file.sha256(),
            () -> {
              try {
                ScanVerdict verdict =
                    late.await()
                        .filter(given -> given.outcome() != ScanVerdict.Outcome.ERROR)
                        .orElse(null);
                scanOutcomes.settleLate(caller.tenantId(), file.sha256(), verdict, file.staged());
              } catch (RuntimeException e) {
                LOG.log(
                    Level.WARNING,
                    "applying the late verdict on " + file.sha256() + " failed; it is rescanned",
                    e);
              }
            });
    if (!following) {
      LOG.info(() -> "no thread to follow the scan of " + file.sha256() + ": it is rescanned");
      late.cancel();
      try {
        scanOutcomes.settleLate(caller.tenantId(), file.sha256(), null, file.staged());
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "could not settle the scan of " + file.sha256(), e);
      }
    }
  }

  private static void cancelLateVerdict(ReceivedFile file) {
    if (file.lateVerdict() != null) {
      file.lateVerdict().cancel();
    }
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
      java.util.List<String> parts =
          new java.util.ArrayList<>(
              java.util.Arrays.asList(
                  file.sha256(),
                  file.filename(),
                  Integer.toString(options.priority()),
                  options.templateId(),
                  options.metadata(),
                  options.queuePriority() == null ? null : options.queuePriority().toString()));
      if (options.templateVersion() != null) {
        // Only when given: fingerprints taken before versions were pinnable still match.
        parts.add("templateVersion=" + options.templateVersion());
      }
      WorkflowOptions workflow = options.workflow();
      if (!workflow.dependsOn().isEmpty()) {
        parts.add("dependsOn=" + workflow.dependsOn() + ";" + workflow.onDependencyFailure());
      }
      if (workflow.scheduleAt() != null) {
        parts.add("scheduleAt=" + workflow.scheduleAt());
      }
      for (String part : parts) {
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
