package io.fileparser.jobs;

import io.fileparser.problem.ProblemException;
import io.fileparser.problem.ProblemType;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.UUID;

/**
 * A position in a list sorted by (createdAt, id): the keys of the last item of a page. Opaque to
 * clients (base64url), so its shape may change with its version tag.
 */
public record Cursor(Instant createdAt, UUID id) {

  private static final String VERSION = "v1";

  public Cursor {
    createdAt = createdAt.truncatedTo(ChronoUnit.MICROS);
  }

  public String encode() {
    long micros = ChronoUnit.MICROS.between(Instant.EPOCH, createdAt);
    String plain = VERSION + ":" + micros + ":" + id;
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(plain.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Reads a cursor a client sent back.
   *
   * @throws ProblemException {@code invalid_cursor} for anything this class did not produce
   */
  public static Cursor decode(String token) {
    try {
      String plain = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
      String[] parts = plain.split(":", -1);
      if (parts.length != 3 || !VERSION.equals(parts[0])) {
        throw invalid();
      }
      Instant createdAt = Instant.EPOCH.plus(Long.parseLong(parts[1]), ChronoUnit.MICROS);
      return new Cursor(createdAt, UUID.fromString(parts[2]));
    } catch (IllegalArgumentException | ArithmeticException | java.time.DateTimeException e) {
      throw invalid();
    }
  }

  private static ProblemException invalid() {
    return new ProblemException(
        ProblemType.INVALID_CURSOR,
        "the cursor is not one this API returned; start from the first page");
  }
}
