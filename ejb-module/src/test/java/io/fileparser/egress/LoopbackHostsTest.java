package io.fileparser.egress;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class LoopbackHostsTest {

  @ParameterizedTest
  @ValueSource(
      strings = {"127.0.0.1", "127.8.9.10", "::1", "[::1]", "0:0:0:0:0:0:0:1", "localhost"})
  void loopbackAddressesAndLocalhostAreLoopback(String host) {
    assertTrue(LoopbackHosts.isLoopback(host), host);
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(
      strings = {
        "10.0.0.5",
        "192.168.1.10",
        "0.0.0.0",
        "::",
        "fe80::1",
        "8.8.8.8",
        "128.0.0.1",
        "clamd.no-such-host.invalid",
        " "
      })
  void everythingElseIsNot(String host) {
    assertFalse(LoopbackHosts.isLoopback(host), host);
  }
}
