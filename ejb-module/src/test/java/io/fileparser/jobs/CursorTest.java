package io.fileparser.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fileparser.problem.ProblemException;
import io.fileparser.problem.ProblemType;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CursorTest {

  private static final UUID ID = UUID.fromString("3f2b8c1e-9a4d-4e6f-8b7a-1c2d3e4f5a6b");
  private static final String TENANT = "acme";
  private static final String TAG = Cursor.of(Instant.EPOCH, ID, TENANT).tenantTag();

  @Test
  void encodedCursorDecodesToTheSameMicrosAndId() {
    Cursor cursor = Cursor.of(Instant.parse("2025-03-14T15:09:26.535897Z"), ID, TENANT);

    Cursor decoded = Cursor.decode(cursor.encode());

    assertEquals(Instant.parse("2025-03-14T15:09:26.535897Z"), decoded.createdAt());
    assertEquals(ID, decoded.id());
    assertEquals(cursor, decoded);
  }

  @Test
  void roundTripKeepsInstantsBeforeTheEpoch() {
    Cursor cursor = Cursor.of(Instant.parse("1969-12-31T23:59:59.000001Z"), ID, TENANT);

    assertEquals(cursor, Cursor.decode(cursor.encode()));
  }

  @Test
  void nanosAreTruncatedToMicros() {
    Cursor cursor = Cursor.of(Instant.ofEpochSecond(1_700_000_000L, 123_456_789), ID, TENANT);

    assertEquals(Instant.ofEpochSecond(1_700_000_000L, 123_456_000), cursor.createdAt());
    assertEquals(
        Instant.ofEpochSecond(1_700_000_000L, 123_456_000),
        Cursor.decode(cursor.encode()).createdAt());
  }

  @Test
  void encodedFormIsUrlSafeWithoutPadding() {
    String token = Cursor.of(Instant.parse("2025-01-01T00:00:00.000001Z"), ID, TENANT).encode();

    assertTrue(token.matches("[A-Za-z0-9_-]+"), token);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "garbage", "!!!!", "not base64 at all", "dj ox"})
  void decodeRefusesGarbage(String token) {
    assertInvalidCursor(token);
  }

  @Test
  void decodeRefusesBadBase64() {
    // '+' and '/' belong to standard base64, not to the URL-safe alphabet the cursor uses.
    assertInvalidCursor("djE6MTIz+/==");
    assertInvalidCursor("a");
  }

  @Test
  void decodeRefusesAnotherVersion() {
    assertInvalidCursor(encodePlain("v1:1700000000123456:" + ID));
    assertInvalidCursor(encodePlain("v3:1700000000123456:" + ID + ":" + TAG));
    assertInvalidCursor(encodePlain("V2:1700000000123456:" + ID + ":" + TAG));
    assertInvalidCursor(encodePlain(":1700000000123456:" + ID + ":" + TAG));
  }

  @Test
  void decodeRefusesMissingOrExtraParts() {
    assertInvalidCursor(encodePlain("v2"));
    assertInvalidCursor(encodePlain("v2:1700000000123456"));
    assertInvalidCursor(encodePlain("v2:1700000000123456:" + ID));
    assertInvalidCursor(encodePlain("v2:1700000000123456:" + ID + ":"));
    assertInvalidCursor(encodePlain("v2:1700000000123456:" + ID + ":" + TAG + ":extra"));
  }

  @Test
  void decodeRefusesAnIdThatIsNotAUuid() {
    assertInvalidCursor(encodePlain("v2:1700000000123456:not-a-uuid:" + TAG));
    assertInvalidCursor(encodePlain("v2:1700000000123456::" + TAG));
  }

  @Test
  void decodeRefusesATimeThatIsNotANumber() {
    assertInvalidCursor(encodePlain("v2:abc:" + ID + ":" + TAG));
    assertInvalidCursor(encodePlain("v2::" + ID + ":" + TAG));
    assertInvalidCursor(encodePlain("v2:1.5:" + ID + ":" + TAG));
    assertInvalidCursor(encodePlain("v2:99999999999999999999:" + ID + ":" + TAG));
  }

  @ParameterizedTest
  @ValueSource(longs = {Long.MIN_VALUE, Long.MAX_VALUE, -62_135_596_800_000_001L})
  void decodeRefusesATimeTheDatabaseCannotHold(long micros) {
    assertInvalidCursor(encodePlain("v2:" + micros + ":" + ID + ":" + TAG));
  }

  @Test
  void aCursorIsForTheTenantWhoseListItCameFromOnly() {
    Cursor decoded = Cursor.decode(Cursor.of(Instant.EPOCH, ID, TENANT).encode());

    assertTrue(decoded.isFor(TENANT));
    assertFalse(decoded.isFor("acme2"));
    assertFalse(decoded.isFor("other"));
  }

  @Test
  void hardcodedVersionTwoCursorDecodes() {
    Cursor decoded = Cursor.decode(encodePlain("v2:1700000000123456:" + ID + ":" + TAG));

    assertEquals(
        Cursor.of(Instant.ofEpochSecond(1_700_000_000L, 123_456_000), ID, TENANT), decoded);
  }

  @Test
  void aPositionByPriorityKeepsItsPriority() {
    Cursor cursor = Cursor.byPriority(7, Instant.parse("2025-03-14T15:09:26.535897Z"), ID, TENANT);

    Cursor decoded = Cursor.decode(cursor.encode());

    assertEquals(cursor, decoded);
    assertEquals(7, decoded.priority());
    assertTrue(decoded.isFor(TENANT));
  }

  @ParameterizedTest
  @ValueSource(strings = {"v3:10:", "v3:-1:", "v3:x:", "v3::"})
  void decodeRefusesAPriorityOutsideZeroToNine(String head) {
    assertInvalidCursor(encodePlain(head + "1700000000123456:" + ID + ":" + TAG));
  }

  private static void assertInvalidCursor(String token) {
    ProblemException e = assertThrows(ProblemException.class, () -> Cursor.decode(token));
    assertEquals(ProblemType.INVALID_CURSOR, e.type());
  }

  private static String encodePlain(String plain) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(plain.getBytes(StandardCharsets.UTF_8));
  }
}
