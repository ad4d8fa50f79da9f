package io.fileparser.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fileparser.telemetry.Telemetry;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** clamd has no TLS: only loopback, a Unix socket or an operator's word that the link is safe. */
class ClamdLinkTest {

  @ParameterizedTest
  @ValueSource(strings = {"127.0.0.1", "127.0.0.53", "::1", "localhost"})
  void loopbackAddressesAreAccepted(String host) {
    assertEquals(Optional.empty(), ClamdLink.refusal(tcp(host), false));
  }

  @ParameterizedTest
  @ValueSource(strings = {"10.0.0.7", "192.168.1.10", "0.0.0.0", "fd00::7", "8.8.8.8"})
  void anyOtherAddressIsRefusedWithTheWayOut(String host) {
    Optional<String> refusal = ClamdLink.refusal(tcp(host), false);

    assertTrue(refusal.isPresent(), host);
    assertTrue(refusal.get().contains(host), refusal.get());
    assertTrue(refusal.get().contains("fileparser.scan.clamd.socket"), refusal.get());
    assertTrue(refusal.get().contains("fileparser.scan.clamd.link-protected=true"), refusal.get());
  }

  @Test
  void aNameThatDoesNotResolveIsNotLoopback() {
    assertTrue(ClamdLink.refusal(tcp("clamd.no-such-host.invalid"), false).isPresent());
  }

  @Test
  void theOperatorsStatementThatTheLinkIsProtectedLetsAnyAddressThrough() {
    assertEquals(Optional.empty(), ClamdLink.refusal(tcp("10.0.0.7"), true));
  }

  @Test
  void aUnixSocketIsAccepted() {
    ClamdSettings settings =
        new ClamdSettings(
            "10.0.0.7",
            3310,
            Duration.ofSeconds(1),
            Duration.ofSeconds(1),
            ClamdSettings.DEFAULT_CHUNK_SIZE,
            ClamdSettings.DEFAULT_STREAM_MAX_LENGTH,
            Path.of("/run/clamav/clamd.ctl"));

    assertEquals(Optional.empty(), ClamdLink.refusal(settings, false));
    assertEquals("unix:/run/clamav/clamd.ctl", settings.address());
  }

  @Test
  void aRefusedScannerIsUnavailableAndNeverConnects() {
    VirusScanner scanner = scanner("10.0.0.7", false);

    assertFalse(scanner.isReachable());
    assertTrue(scanner.refusal().isPresent());
    ClamdException failure =
        assertThrows(
            ClamdException.class, () -> scanner.scan(new ByteArrayInputStream(new byte[] {1})));
    assertEquals(scanner.refusal().get(), failure.getMessage());
  }

  @Test
  void aScannerOnLoopbackOrOnAProtectedLinkIsNotRefused() {
    assertEquals(Optional.empty(), scanner("127.0.0.1", false).refusal());
    assertEquals(Optional.empty(), scanner("10.0.0.7", true).refusal());
  }

  private static VirusScanner scanner(String host, boolean linkProtected) {
    VirusScanner scanner = new VirusScanner();
    scanner.telemetry = new Telemetry();
    scanner.enabled = true;
    scanner.host = host;
    scanner.port = 3310;
    scanner.socket = Optional.empty();
    scanner.linkProtected = linkProtected;
    scanner.connectTimeoutMillis = 200;
    scanner.readTimeoutMillis = 200;
    scanner.streamMaxLength = ClamdSettings.DEFAULT_STREAM_MAX_LENGTH;
    scanner.connect();
    return scanner;
  }

  private static ClamdSettings tcp(String host) {
    return new ClamdSettings(
        host,
        3310,
        Duration.ofSeconds(1),
        Duration.ofSeconds(1),
        ClamdSettings.DEFAULT_CHUNK_SIZE,
        ClamdSettings.DEFAULT_STREAM_MAX_LENGTH);
  }
}
