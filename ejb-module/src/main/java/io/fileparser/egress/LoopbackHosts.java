package io.fileparser.egress;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/**
 * Which hosts are this machine itself, reached over the loopback interface: the only places a link
 * without encryption of its own (clamd, an {@code http} object store for tests) may go, since the
 * traffic never leaves the host.
 *
 * <p>Loopback means {@code 127.0.0.0/8} or {@code ::1} (an IPv4-mapped {@code ::ffff:127.x.y.z}
 * too). A name counts only when every address it resolves to is loopback, so {@code localhost}
 * passes and a name that also resolves to a routable address does not; a name that does not resolve
 * is not loopback.
 */
public final class LoopbackHosts {

  private LoopbackHosts() {}

  /**
   * Whether the host (a name, an IPv4 literal or an IPv6 literal, bracketed or not) is loopback.
   */
  public static boolean isLoopback(String host) {
    if (host == null || host.isBlank()) {
      return false;
    }
    String bare = host.strip();
    if (bare.startsWith("[") && bare.endsWith("]")) {
      bare = bare.substring(1, bare.length() - 1);
    }
    try {
      InetAddress[] addresses = InetAddress.getAllByName(bare);
      return addresses.length > 0
          && Arrays.stream(addresses).allMatch(InetAddress::isLoopbackAddress);
    } catch (UnknownHostException | SecurityException e) {
      return false;
    }
  }
}
