package io.fileparser.scan;

import io.fileparser.egress.LoopbackHosts;
import java.util.Optional;

/**
 * Whether the link to clamd may carry uploads. clamd speaks no TLS, so every byte of every upload
 * crosses that link in clear text: it must stay on this machine, over loopback ({@code
 * 127.0.0.0/8}, {@code ::1}, or a name such as {@code localhost} whose every address is loopback)
 * or a Unix socket. Any other address is refused unless the operator states that the link is
 * protected otherwise ({@code fileparser.scan.clamd.link-protected=true}: a private network with
 * IPsec or WireGuard, stunnel on both ends, a sidecar in the same network namespace).
 */
public final class ClamdLink {

  static final String LINK_PROTECTED = "fileparser.scan.clamd.link-protected";

  private ClamdLink() {}

  /** Why uploads may not be sent to this clamd, or empty when they may. */
  public static Optional<String> refusal(ClamdSettings settings, boolean linkProtected) {
    if (settings.isUnixSocket() || linkProtected || LoopbackHosts.isLoopback(settings.host())) {
      return Optional.empty();
    }
    return Optional.of(
        "clamd at "
            + settings.address()
            + " is not on loopback and clamd has no encryption of its own, so uploads would cross"
            + " the network in clear text: point fileparser.scan.clamd.host at 127.0.0.1 (a clamd"
            + " on this machine or a sidecar), or fileparser.scan.clamd.socket at its Unix socket;"
            + " if the link is protected otherwise (IPsec, WireGuard, stunnel), set "
            + LINK_PROTECTED
            + "=true");
  }
}
