package io.fileparser.audit;

import io.fileparser.problem.ProblemException;
import io.fileparser.problem.ProblemType;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;

/**
 * A position in the audit list, which runs newest first by id: the id of the last record of a page
 * and a short hash of whose list it is (a tenant's or the platform's). Opaque to clients
 * (base64url) like the job list's cursor; the tag makes a cursor taken from another scope's list an
 * invalid cursor rather than a position in this one.
 */
record AuditCursor(long beforeId, String scopeTag) {

  private static final String VERSION = "a1";

  static AuditCursor after(long id, AuditScope scope) {
    return new AuditCursor(id, tag(scope));
  }

  boolean isFor(AuditScope scope) {
    return tag(scope).equals(scopeTag);
  }

  String encode() {
    String plain = VERSION + ":" + beforeId + ":" + scopeTag;
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(plain.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * @throws ProblemException {@code invalid_cursor} for anything this class did not produce
   */
  static AuditCursor decode(String token) {
    try {
      String plain = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
      String[] parts = plain.split(":", -1);
      if (parts.length != 3 || !VERSION.equals(parts[0]) || parts[2].isEmpty()) {
        throw invalid();
      }
      long id = Long.parseLong(parts[1]);
      if (id < 1) {
        throw invalid();
      }
      return new AuditCursor(id, parts[2]);
    } catch (IllegalArgumentException e) {
      throw invalid();
    }
  }

  static ProblemException invalid() {
    return new ProblemException(
        ProblemType.INVALID_CURSOR,
        "the cursor is not one this API returned for this list; start from the first page");
  }

  private static String tag(AuditScope scope) {
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256").digest(scope.tag().getBytes(StandardCharsets.UTF_8));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(hash, 9));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }
}
