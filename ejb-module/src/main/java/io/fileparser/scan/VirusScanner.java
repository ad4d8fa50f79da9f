package io.fileparser.scan;

import io.fileparser.telemetry.Telemetry;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The configured virus scanner: a clamd reached over TCP with the INSTREAM protocol. Whether an
 * unreachable scanner holds uploads back (fail closed, the default) or lets them through (fail
 * open) is configuration, as is switching scanning off for a development machine without clamd.
 */
@ApplicationScoped
public class VirusScanner {

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
  @ConfigProperty(name = "fileparser.scan.clamd.connect-timeout-ms", defaultValue = "2000")
  long connectTimeoutMillis;

  @Inject
  @ConfigProperty(name = "fileparser.scan.clamd.read-timeout-ms", defaultValue = "120000")
  long readTimeoutMillis;

  @Inject
  @ConfigProperty(name = "fileparser.scan.clamd.stream-max-length", defaultValue = "2200000000")
  long streamMaxLength;

  private ClamdClient client;

  @PostConstruct
  void connect() {
    client =
        new ClamdClient(
            new ClamdSettings(
                host,
                port,
                Duration.ofMillis(connectTimeoutMillis),
                Duration.ofMillis(readTimeoutMillis),
                ClamdSettings.DEFAULT_CHUNK_SIZE,
                streamMaxLength));
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
      verdict = client.scan(content);
    } catch (ClamdException e) {
      telemetry.scanned("unavailable");
      throw e;
    }
    telemetry.scanned(verdict.outcome().name());
    return verdict;
  }

  public boolean isReachable() {
    return client.ping();
  }

  public String describe() {
    return "clamd at " + host + ":" + port;
  }
}
