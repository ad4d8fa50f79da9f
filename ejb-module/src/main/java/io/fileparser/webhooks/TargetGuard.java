package io.fileparser.webhooks;

import io.fileparser.egress.AddressRange;
import io.fileparser.egress.PublicAddresses;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The SSRF and transport guard: a webhook may only reach the public internet, over HTTPS. A URL is
 * checked when an endpoint is saved and again before every attempt, after DNS resolution: every
 * address the host resolves to must be public, or inside a block of the configured allow-list
 * ({@code fileparser.webhooks.allowed-targets}). Plain {@code http} carries the job events and
 * their signatures readable by anyone on the path, so it is accepted only when every address of the
 * host is inside the allow-list (a receiver on a network the operator vouches for, or on loopback
 * in tests): a public address is not enough. Redirects are never followed, so a receiver cannot
 * bounce a delivery inward or onto {@code http}.
 *
 * <p>What is public is {@link PublicAddresses}' to say.
 *
 * <p>What remains: the HTTP client resolves the host again when it connects, so a name whose DNS
 * answer changes between the check and the connection (rebinding with a zero TTL) could still reach
 * an address the check did not see. Deploy behind an egress proxy or firewall where that matters.
 */
public final class TargetGuard {

  private final List<AddressRange> allowed;

  public TargetGuard(List<AddressRange> allowed) {
    this.allowed = List.copyOf(allowed);
  }

  /** A guard with the allow-list in the configuration's form: CIDR blocks separated by commas. */
  public static TargetGuard withAllowList(String blocks) {
    if (blocks == null || blocks.isBlank()) {
      return new TargetGuard(List.of());
    }
    return new TargetGuard(
        Arrays.stream(blocks.split(","))
            .filter(s -> !s.isBlank())
            .map(AddressRange::parse)
            .toList());
  }

  /**
   * Why this URL may not be called, or empty when it may: not absolute http(s), carries user
   * information, the host does not resolve, resolves to an address that is not public and not
   * allowed, or the URL is plain {@code http} and an address of the host is not allowed.
   */
  public Optional<String> refusal(URI url) {
    Optional<String> form = formRefusal(url);
    if (form.isPresent()) {
      return form;
    }
    InetAddress[] addresses;
    try {
      addresses = InetAddress.getAllByName(url.getHost());
    } catch (UnknownHostException e) {
      return Optional.of("the host " + url.getHost() + " does not resolve");
    }
    boolean plainHttp = "http".equalsIgnoreCase(url.getScheme());
    for (InetAddress address : addresses) {
      if (plainHttp && !isAllowed(address)) {
        return Optional.of(
            "the URL must be https: plain http is accepted only to a host whose every address is"
                + " in fileparser.webhooks.allowed-targets, and "
                + url.getHost()
                + " resolves to "
                + address.getHostAddress());
      }
      if (!isPublic(address) && !isAllowed(address)) {
        return Optional.of(
            "the host "
                + url.getHost()
                + " resolves to "
                + address.getHostAddress()
                + ", a private, loopback, link-local or reserved address");
      }
    }
    return Optional.empty();
  }

  private boolean isAllowed(InetAddress address) {
    return allowed.stream().anyMatch(r -> r.contains(address));
  }

  /** What is wrong with the URL's form, before any resolution. */
  public static Optional<String> formRefusal(URI url) {
    String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
    if (!url.isAbsolute() || !(scheme.equals("http") || scheme.equals("https"))) {
      return Optional.of("the URL must be absolute http or https");
    }
    if (url.getHost() == null || url.getHost().isEmpty()) {
      return Optional.of("the URL has no host");
    }
    if (url.getRawUserInfo() != null) {
      return Optional.of("the URL must not carry user information");
    }
    if (url.getRawFragment() != null) {
      return Optional.of("the URL must not have a fragment");
    }
    return Optional.empty();
  }

  /** Whether the address is on the public internet (see {@link PublicAddresses}). */
  public static boolean isPublic(InetAddress address) {
    return PublicAddresses.isPublic(address);
  }

  static boolean isPublic(byte[] address) {
    return PublicAddresses.isPublic(address);
  }
}
