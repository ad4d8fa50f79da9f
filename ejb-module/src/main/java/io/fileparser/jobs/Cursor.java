package io.fileparser.jobs;

import io.fileparser.problem.InputLimits;
import io.fileparser.problem.ProblemException;
import io.fileparser.problem.ProblemType;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Base64;
import java.util.UUID;

/**
 * A position in a list sorted by (createdAt, id), or by (priority, createdAt, id) when {@code
 * priority} is set: the keys of the last item of a page, and a tag of the tenant whose list it is.
 * Opaque to clients (base64url), so its shape may change with its version tag. The tag is a short
 * hash of the tenant id, not a secret: it does not stop forgery (a forged position only moves
 * within the caller's own list) but makes a cursor taken from another tenant's list an invalid
 * cursor rather than a position in this one.
 */
public record Cursor(Instant createdAt, UUID id, String tenantTag, Integer priority) {

  private static final String VERSION = "v2";

  /** The version of a position in a list sorted by priority first: the priority leads the keys. */
  private static final String BY_PRIORITY = "v3";

  public Cursor {
    createdAt = createdAt.truncatedTo(ChronoUnit.MICROS);
  }

  /**
   * The position after the item created at {@code createdAt} with {@code id} in the tenant's list.
   */
  public static Cursor of(Instant createdAt, UUID id, String tenantId) {
    return new Cursor(createdAt, id, tag(tenantId), null);
  }

  /** The position after the item of {@code priority} in a list sorted by priority first. */
  public static Cursor byPriority(int priority, Instant createdAt, UUID id, String tenantId) {
    return new Cursor(createdAt, id, tag(tenantId), priority);
  }

  /** Whether this cursor was taken from the list of this tenant. */
  public boolean isFor(String tenantId) {
    return tag(tenantId).equals(tenantTag);
  }

  public String encode() {
    long micros = ChronoUnit.MICROS.between(Instant.EPOCH, createdAt);
    String plain =
        priority == null
            ? VERSION + ":" + micros + ":" + id + ":" + tenantTag
            : BY_PRIORITY + ":" + priority + ":" + micros + ":" + id + ":" + tenantTag;
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(plain.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Reads a cursor a client sent back. Whose list it belongs to is checked where the caller is
   * known ({@link #isFor}).
   *
   * @throws ProblemException {@code invalid_cursor} for anything this class did not produce, a
   *     position outside the instants the database holds included
   */
  public static Cursor decode(String token) {
    try {
      String plain = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
      String[] parts = plain.split(":", -1);
      Integer priority = null;
      if (parts.length == 5 && BY_PRIORITY.equals(parts[0]) && parts[1].matches("[0-9]")) {
        priority = Integer.valueOf(parts[1]);
        parts = new String[] {VERSION, parts[2], parts[3], parts[4]};
      }
      if (parts.length != 4 || !VERSION.equals(parts[0]) || parts[3].isEmpty()) {
        throw invalid();
      }
      Instant createdAt = Instant.EPOCH.plus(Long.parseLong(parts[1]), ChronoUnit.MICROS);
      if (!InputLimits.isWithinRange(createdAt)) {
        throw invalid();
      }
      return new Cursor(createdAt, UUID.fromString(parts[2]), parts[3], priority);
    } catch (IllegalArgumentException | ArithmeticException | java.time.DateTimeException e) {
      throw invalid();
    }
  }

  /** The refusal of a cursor that is not one of ours, or not of this list. */
  public static ProblemException invalid() {
    return new ProblemException(
        ProblemType.INVALID_CURSOR,
        "the cursor is not one this API returned for this list; start from the first page");
  }

  private static String tag(String tenantId) {
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256").digest(tenantId.getBytes(StandardCharsets.UTF_8));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(hash, 9));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }
}
