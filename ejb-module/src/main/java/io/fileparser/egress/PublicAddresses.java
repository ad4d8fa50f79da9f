package io.fileparser.egress;

import java.net.InetAddress;
import java.util.Arrays;
import java.util.List;

/**
 * Which addresses are on the public internet, the only ones the application's outbound calls
 * (webhook deliveries, Web Push) may reach unless an allow-list says otherwise.
 *
 * <p>Not public: unspecified ({@code 0.0.0.0/8}, {@code ::}), loopback, private (RFC 1918, unique
 * local {@code fc00::/7}), link-local ({@code 169.254/16}, {@code fe80::/10}), shared address space
 * ({@code 100.64/10}), benchmarking, IETF and reserved blocks, multicast and broadcast; IPv6 forms
 * that carry an IPv4 address (mapped, compatible, NAT64, 6to4) are judged by that address, and
 * Teredo is never public.
 */
public final class PublicAddresses {

  private static final List<AddressRange> REFUSED_V4 =
      ranges(
          "0.0.0.0/8",
          "10.0.0.0/8",
          "100.64.0.0/10",
          "127.0.0.0/8",
          "169.254.0.0/16",
          "172.16.0.0/12",
          "192.0.0.0/24",
          "192.0.2.0/24",
          "192.88.99.0/24",
          "192.168.0.0/16",
          "198.18.0.0/15",
          "198.51.100.0/24",
          "203.0.113.0/24",
          "224.0.0.0/4",
          "240.0.0.0/4");

  private static final List<AddressRange> REFUSED_V6 =
      ranges(
          "::/128",
          "::1/128",
          "100::/64",
          "2001::/32",
          "2001:db8::/32",
          "fc00::/7",
          "fe80::/10",
          "fec0::/10",
          "ff00::/8");

  private PublicAddresses() {}

  /** Whether the address is on the public internet (see the class comment for what is not). */
  public static boolean isPublic(InetAddress address) {
    return isPublic(address.getAddress());
  }

  /** The same for an address's bytes: 4 for IPv4, 16 for IPv6. */
  public static boolean isPublic(byte[] address) {
    if (address.length == 4) {
      return REFUSED_V4.stream().noneMatch(r -> r.contains(address))
          && !Arrays.equals(address, new byte[] {-1, -1, -1, -1});
    }
    byte[] embedded = embeddedIpv4(address);
    if (embedded != null) {
      return isPublic(embedded);
    }
    return REFUSED_V6.stream().noneMatch(r -> r.contains(address));
  }

  /** The IPv4 address an IPv6 address stands for (mapped, compatible, NAT64, 6to4), if any. */
  private static byte[] embeddedIpv4(byte[] a) {
    boolean zeroPrefix = true;
    for (int i = 0; i < 10; i++) {
      zeroPrefix &= a[i] == 0;
    }
    boolean mapped = zeroPrefix && a[10] == (byte) 0xff && a[11] == (byte) 0xff;
    boolean compatible = zeroPrefix && a[10] == 0 && a[11] == 0 && !isZeroOrOne(a);
    boolean nat64 = startsWith(a, 0x00, 0x64, 0xff, 0x9b) && allZero(a, 4, 12);
    if (mapped || compatible || nat64) {
      return Arrays.copyOfRange(a, 12, 16);
    }
    if ((a[0] & 0xff) == 0x20 && (a[1] & 0xff) == 0x02) {
      return Arrays.copyOfRange(a, 2, 6);
    }
    return null;
  }

  private static boolean isZeroOrOne(byte[] a) {
    return allZero(a, 0, 15) && (a[15] == 0 || a[15] == 1);
  }

  private static boolean allZero(byte[] a, int from, int to) {
    for (int i = from; i < to; i++) {
      if (a[i] != 0) {
        return false;
      }
    }
    return true;
  }

  private static boolean startsWith(byte[] a, int... prefix) {
    for (int i = 0; i < prefix.length; i++) {
      if ((a[i] & 0xff) != prefix[i]) {
        return false;
      }
    }
    return true;
  }

  private static List<AddressRange> ranges(String... blocks) {
    return Arrays.stream(blocks).map(AddressRange::parse).toList();
  }
}
