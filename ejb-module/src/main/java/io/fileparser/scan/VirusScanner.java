package io.fileparser.scan;

import io.fileparser.telemetry.Telemetry;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The configured virus scanner: a clamd reached over loopback TCP or its Unix socket with the
 * INSTREAM protocol. Whether an unreachable scanner holds uploads back (fail closed, the default)
 * or lets them through (fail open) is configuration, as is switching scanning off for a development
 * machine without clamd.
 *
 * <p>A clamd address that {@link ClamdLink} refuses (not loopback, no statement that the link is
 * protected) is never connected to: the scanner counts as unavailable, with the reason logged once
 * at SEVERE, shown in the operator's health report and in every scan failure, so uploads behave as
 * they do while clamd is down.
 */
@ApplicationScoped
public class VirusScanner {

  private static final Logger LOG = Logger.getLogger(VirusScanner.class.getName());

  @Inject Telemetry telemetry;

  @Inject
  @ConfigProperty(name = "fileparser.scan.enabled", defaultValue = "true")
  boolean enabled;

  @Inject
  @ConfigProperty(name = "fileparser.scan.fail-open", defaultValue = "false")
  boolean failOpen;

  @Inject
  @ConfigProperty(name = "fileparser.scan.clamd.host", defaultValue = "127.0.0.1")
  String host;

  @Inject
  @ConfigProperty(name = "fileparser.scan.clamd.port", defaultValue = "3310")
  int port;

  @Inject
  @ConfigProperty(name = "fileparser.scan.clamd.socket")
  Optional<String> socket;

  @Inject
  @ConfigProperty(name = ClamdLink.LINK_PROTECTED, defaultValue = "false")
  boolean linkProtected;

  @Inject
  @ConfigProperty(name = "fileparser.scan.clamd.connect-timeout-ms", defaultValue = "2000")
  long connectTimeoutMillis;

  @Inject
  @ConfigProperty(name = "fileparser.scan.clamd.read-timeout-ms", defaultValue = "120000")
  long readTimeoutMillis;

  @Inject
  @ConfigProperty(name = "fileparser.scan.clamd.stream-max-length", defaultValue = "2200000000")
  long streamMaxLength;

  private ClamdSettings settings;
  private ClamdClient client;
  private String refusal;

  @PostConstruct
  void connect() {
    settings =
        new ClamdSettings(
            host,
            port,
            Duration.ofMillis(connectTimeoutMillis),
            Duration.ofMillis(readTimeoutMillis),
            ClamdSettings.DEFAULT_CHUNK_SIZE,
            streamMaxLength,
            socket.filter(s -> !s.isBlank()).map(s -> Path.of(s.strip())).orElse(null));
    refusal = ClamdLink.refusal(settings, linkProtected).orElse(null);
    if (refusal == null) {
      client = new ClamdClient(settings);
    } else if (enabled) {
      LOG.severe(() -> "virus scanner not used: " + refusal);
    }
  }

  public boolean isEnabled() {
    return enabled;
  }

  /** Whether an upload may go on unscanned when clamd cannot be reached. */
  public boolean isFailOpen() {
    return failOpen;
  }

  /**
   * Scans a stream.
   *
   * @throws ClamdException clamd unreachable, timed out or misbehaving
   * @throws IOException reading the content failed
   */
  public ScanVerdict scan(InputStream content) throws IOException {
    ScanVerdict verdict;
    try {
      if (refusal != null) {
        throw new ClamdException(refusal);
      }
      verdict = client.scan(content);
    } catch (ClamdException e) {
      telemetry.scanned("unavailable");
      throw e;
    }
    telemetry.scanned(verdict.outcome().name());
    return verdict;
  }

  /** False also when the address is refused: uploads are never sent there. */
  public boolean isReachable() {
    return refusal == null && client.ping();
  }

  /**
   * Why the configured clamd is not used (not on loopback, see {@link ClamdLink}), if it is not.
   */
  public Optional<String> refusal() {
    return Optional.ofNullable(refusal);
  }

  public String describe() {
    return "clamd at " + settings.address();
  }
}
