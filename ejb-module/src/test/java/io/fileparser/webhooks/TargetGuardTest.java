package io.fileparser.webhooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fileparser.egress.AddressRange;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TargetGuardTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "0.0.0.0",
        "0.1.2.3",
        "10.0.0.1",
        "10.255.255.255",
        "100.64.0.1",
        "100.127.255.254",
        "127.0.0.1",
        "127.255.0.9",
        "169.254.169.254",
        "172.16.0.1",
        "172.31.255.255",
        "192.0.0.8",
        "192.168.1.1",
        "198.18.0.1",
        "224.0.0.1",
        "239.255.255.250",
        "240.0.0.1",
        "255.255.255.255",
        "::",
        "::1",
        "fe80::1",
        "febf::1",
        "fc00::1",
        "fd12:3456::1",
        "ff02::1",
        "fec0::1",
        "::ffff:127.0.0.1",
        "::ffff:10.1.2.3",
        "::ffff:169.254.169.254",
        "::127.0.0.1",
        "64:ff9b::a00:1",
        "2002:7f00:1::",
        "2002:c0a8:101::1",
        "2001:0:4136:e378::1",
        "2001:db8::1"
      })
  void refusesEveryNonPublicAddress(String address) throws UnknownHostException {
    assertFalse(TargetGuard.isPublic(bytes(address)), address);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "1.1.1.1",
        "8.8.8.8",
        "9.255.255.255",
        "11.0.0.1",
        "100.63.255.255",
        "100.128.0.1",
        "172.15.255.255",
        "172.32.0.1",
        "192.169.0.1",
        "2606:4700:4700::1111",
        "2a00:1450:4001::200e",
        "::ffff:8.8.8.8",
        "64:ff9b::808:808",
        "2002:808:808::1"
      })
  void acceptsPublicAddresses(String address) throws UnknownHostException {
    assertTrue(TargetGuard.isPublic(bytes(address)), address);
  }

  @Test
  void refusesLoopbackAfterResolutionUnlessAllowed() {
    URI local = URI.create("http://localhost:9/hook");
    assertTrue(TargetGuard.withAllowList("").refusal(local).isPresent());
    assertTrue(TargetGuard.withAllowList("10.0.0.0/8").refusal(local).isPresent());
    assertEquals(Optional.empty(), TargetGuard.withAllowList("127.0.0.0/8,::1/128").refusal(local));
    assertTrue(
        TargetGuard.withAllowList("127.0.0.1")
            .refusal(URI.create("http://127.0.0.2/hook"))
            .isPresent());
  }

  @Test
  void refusesWhatIsNotAnAbsoluteHttpUrlWithAHost() {
    TargetGuard guard = TargetGuard.withAllowList("0.0.0.0/0,::/0");
    for (String url :
        List.of(
            "ftp://example.com/x",
            "file:///etc/passwd",
            "/relative",
            "http:///nohost",
            "http://user:pw@127.0.0.1/x",
            "http://127.0.0.1/x#frag")) {
      assertTrue(guard.refusal(URI.create(url)).isPresent(), url);
    }
    assertEquals(Optional.empty(), guard.refusal(URI.create("https://127.0.0.1:8443/x?a=b")));
  }

  @Test
  void plainHttpToAPublicAddressIsRefusedAndHttpsAccepted() {
    TargetGuard guard = TargetGuard.withAllowList("");
    Optional<String> refused = guard.refusal(URI.create("http://93.184.215.14/hook"));
    assertTrue(refused.isPresent());
    assertTrue(refused.get().contains("must be https"), refused.get());
    assertTrue(refused.get().contains("fileparser.webhooks.allowed-targets"), refused.get());
    assertEquals(Optional.empty(), guard.refusal(URI.create("https://93.184.215.14/hook")));
    assertEquals(Optional.empty(), guard.refusal(URI.create("HTTPS://93.184.215.14/hook")));
    assertTrue(guard.refusal(URI.create("HTTP://93.184.215.14/hook")).isPresent());
  }

  @Test
  void plainHttpIsAcceptedOnlyWhenTheHostIsInsideTheAllowList() {
    assertEquals(
        Optional.empty(),
        TargetGuard.withAllowList("127.0.0.0/8,::1/128")
            .refusal(URI.create("http://127.0.0.1:9/hook")));
    assertEquals(
        Optional.empty(),
        TargetGuard.withAllowList("93.184.215.0/24")
            .refusal(URI.create("http://93.184.215.14/hook")));
    Optional<String> outside =
        TargetGuard.withAllowList("93.184.216.0/24")
            .refusal(URI.create("http://93.184.215.14/hook"));
    assertTrue(outside.isPresent() && outside.get().contains("must be https"), outside.toString());
  }

  @Test
  void aHostThatDoesNotResolveIsRefused() {
    assertTrue(
        TargetGuard.withAllowList("")
            .refusal(URI.create("http://no-such-host.invalid/hook"))
            .isPresent());
  }

  @Test
  void addressRangesMatchTheirBlockOnly() {
    AddressRange block = AddressRange.parse("172.16.0.0/12");
    assertTrue(block.contains(new byte[] {(byte) 172, 31, 0, 1}));
    assertFalse(block.contains(new byte[] {(byte) 172, 32, 0, 1}));
    assertFalse(AddressRange.parse("::/0").contains(new byte[] {1, 2, 3, 4}));
    assertThrows(IllegalArgumentException.class, () -> AddressRange.parse("example.com"));
    assertThrows(IllegalArgumentException.class, () -> AddressRange.parse("10.0.0.0/33"));
  }

  /** The address's bytes as written (Java would turn a mapped address into an IPv4 one). */
  private static byte[] bytes(String address) throws UnknownHostException {
    if (address.startsWith("::ffff:") && address.contains(".")) {
      byte[] v4 = InetAddress.getByName(address.substring(7)).getAddress();
      byte[] v6 = new byte[16];
      v6[10] = (byte) 0xff;
      v6[11] = (byte) 0xff;
      System.arraycopy(v4, 0, v6, 12, 4);
      return v6;
    }
    return InetAddress.getByName(address).getAddress();
  }
}
