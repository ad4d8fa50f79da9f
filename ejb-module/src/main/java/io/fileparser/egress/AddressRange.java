package io.fileparser.egress;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * A CIDR block such as {@code 10.0.0.0/8} or {@code fc00::/7}; IPv4 and IPv6 never match each
 * other.
 */
public record AddressRange(byte[] network, int prefixLength) {

  /**
   * Reads {@code address/prefix}, or a bare address (a block of one).
   *
   * @throws IllegalArgumentException for anything else (host names are not resolved)
   */
  public static AddressRange parse(String text) {
    String[] parts = text.strip().split("/", 2);
    if (!parts[0].matches("[0-9A-Fa-f:.]+")) {
      throw new IllegalArgumentException("not an IP address or CIDR block: '" + text + "'");
    }
    byte[] address;
    try {
      address = InetAddress.getByName(parts[0]).getAddress();
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("not an IP address or CIDR block: '" + text + "'", e);
    }
    int prefix = address.length * 8;
    if (parts.length == 2) {
      prefix = Integer.parseInt(parts[1]);
      if (prefix < 0 || prefix > address.length * 8) {
        throw new IllegalArgumentException("prefix length out of range in '" + text + "'");
      }
    }
    return new AddressRange(address, prefix);
  }

  public boolean contains(InetAddress address) {
    return contains(address.getAddress());
  }

  /** Whether the address (4 or 16 bytes) lies in this block. */
  public boolean contains(byte[] address) {
    if (address.length != network.length) {
      return false;
    }
    int full = prefixLength / 8;
    for (int i = 0; i < full; i++) {
      if (address[i] != network[i]) {
        return false;
      }
    }
    int rest = prefixLength % 8;
    if (rest == 0) {
      return true;
    }
    int mask = 0xff << (8 - rest) & 0xff;
    return (address[full] & mask) == (network[full] & mask);
  }
}
