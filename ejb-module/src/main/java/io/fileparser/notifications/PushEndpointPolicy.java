package io.fileparser.notifications;

import io.fileparser.egress.PublicAddresses;
import io.fileparser.problem.ProblemException;
import io.fileparser.problem.ProblemType;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Where the server may post Web Push messages. A browser hands us its push service's URL, but so
 * could anyone with a reader role: without a rule the server would post to any address it can reach
 * (its own admin port, the database host, a cloud metadata service). So an endpoint must be {@code
 * https} to a host whose every address is public; hosts in the configured allow-list ({@code
 * fileparser.webpush.allowed-hosts}, e.g. a test receiver on 127.0.0.1) may be reached by {@code
 * http} or {@code https} at any address. The addresses are checked when subscribing and again
 * before each push (a name may point elsewhere later); redirects are never followed.
 */
public final class PushEndpointPolicy {

  private final Set<String> allowedHosts;

  /**
   * @param allowedHosts comma-separated host names or literal addresses; blank for none
   */
  public PushEndpointPolicy(String allowedHosts) {
    this.allowedHosts =
        allowedHosts == null
            ? Set.of()
            : Arrays.stream(allowedHosts.split(","))
                .map(h -> h.strip().toLowerCase(Locale.ROOT))
                .filter(h -> !h.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
  }

  /**
   * The endpoint as a URI, when the server may post to it.
   *
   * @throws ProblemException {@code push_endpoint_not_allowed} otherwise
   */
  public URI check(String endpoint) {
    URI uri;
    try {
      uri = new URI(endpoint == null ? "" : endpoint.strip());
    } catch (URISyntaxException e) {
      throw refused("the endpoint is not a URL");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    String host = uri.getHost() == null ? null : uri.getHost().toLowerCase(Locale.ROOT);
    if (host == null || uri.getRawUserInfo() != null || uri.getRawFragment() != null) {
      throw refused("the endpoint must be an absolute https URL without user info or fragment");
    }
    String bare = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
    if (allowedHosts.contains(bare)) {
      if (!scheme.equals("https") && !scheme.equals("http")) {
        throw refused("the endpoint must be an http or https URL");
      }
      return uri;
    }
    if (!scheme.equals("https")) {
      throw refused("the endpoint must be an https URL");
    }
    InetAddress[] addresses;
    try {
      addresses = InetAddress.getAllByName(bare);
    } catch (UnknownHostException | SecurityException e) {
      throw refused("the endpoint's host cannot be resolved");
    }
    for (InetAddress address : addresses) {
      if (!isPublic(address)) {
        throw refused("the endpoint's host is not a public address");
      }
    }
    return uri;
  }

  /** Whether an address is on the public internet (see {@link PublicAddresses}). */
  static boolean isPublic(InetAddress address) {
    return PublicAddresses.isPublic(address);
  }

  private static ProblemException refused(String detail) {
    return new ProblemException(ProblemType.PUSH_ENDPOINT_NOT_ALLOWED, detail);
  }
}
