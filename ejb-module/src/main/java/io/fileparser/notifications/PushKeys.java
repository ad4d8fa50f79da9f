package io.fileparser.notifications;

import io.fileparser.problem.ProblemException;
import io.fileparser.problem.ProblemType;
import java.util.Base64;

/** The keys a browser gives with its subscription (RFC 8291 section 2), checked for shape. */
final class PushKeys {

  private PushKeys() {}

  /**
   * @throws ProblemException {@code invalid_request} unless {@code p256dh} is base64url of a
   *     65-byte uncompressed P-256 point and {@code auth} base64url of 16 bytes
   */
  static void require(String p256dh, String auth) {
    byte[] point = decode(p256dh, "keys.p256dh");
    if (point.length != 65 || point[0] != 0x04) {
      throw invalid("keys.p256dh is the browser's uncompressed P-256 public key (65 bytes)");
    }
    if (decode(auth, "keys.auth").length != 16) {
      throw invalid("keys.auth is the browser's 16-byte authentication secret");
    }
  }

  static byte[] decode(String text, String field) {
    try {
      return Base64.getUrlDecoder().decode(text.strip().replace("=", ""));
    } catch (IllegalArgumentException | NullPointerException e) {
      throw invalid(field + " must be base64url");
    }
  }

  private static ProblemException invalid(String detail) {
    return new ProblemException(ProblemType.INVALID_REQUEST, detail);
  }
}
