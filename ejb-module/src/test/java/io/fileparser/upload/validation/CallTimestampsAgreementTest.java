package io.fileparser.upload.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link CallTimestamps} checks the Asterisk form and the common year-first form by hand; these
 * tests hold it to what {@code LocalDateTime.parse} (STRICT) and the regular expressions answer.
 */
class CallTimestampsAgreementTest {

  private static final DateTimeFormatter ASTERISK =
      DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss").withResolverStyle(ResolverStyle.STRICT);

  @ParameterizedTest
  @ValueSource(
      strings = {
        "2024-02-29 00:00:00",
        "2000-02-29 23:59:59",
        "0000-02-29 12:00:00",
        "9999-12-31 23:59:59",
        "2024-04-30 10:00:00"
      })
  void acceptsRealAsteriskTimes(String value) {
    assertTrue(CallTimestamps.isAsteriskTime(value), value);
    assertTrue(isAsteriskTimeInBytes(value), value);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "2024-02-30 10:00:00",
        "2023-02-29 10:00:00",
        "1900-02-29 10:00:00",
        "2024-04-31 10:00:00",
        "2024-00-10 10:00:00",
        "2024-13-10 10:00:00",
        "2024-01-00 10:00:00",
        "2024-01-31 24:00:00",
        "2024-01-31 23:60:00",
        "2024-01-31 23:59:60",
        "2024-01-31 24:61:00",
        "2024/01/31 10:00:00",
        "2024-01-31T10:00:00",
        "+024-01-31 10:00:00",
        "-024-01-31 10:00:00",
        "2024-1-031 10:00:00",
        "２０24-01-31 10:00:00",
        "2024-01-31 10:00:0 "
      })
  void refusesWhatIsNoAsteriskTime(String value) {
    assertFalse(CallTimestamps.isAsteriskTime(value), value);
    assertFalse(isAsteriskTimeInBytes(value), value);
  }

  @Test
  void agreesWithTheStrictParserOnEveryDayAndTheEdgesOfTheClock() {
    List<String> values = new ArrayList<>();
    for (String year : List.of("0000", "0004", "1900", "1970", "2000", "2023", "2024", "2100")) {
      for (int month = 0; month <= 13; month++) {
        for (int day = 0; day <= 32; day++) {
          values.add(String.format("%s-%02d-%02d 12:30:30", year, month, day));
        }
      }
    }
    for (int hour : new int[] {0, 23, 24, 25, 99}) {
      for (int minute : new int[] {0, 59, 60, 61}) {
        for (int second : new int[] {0, 59, 60, 61}) {
          values.add(String.format("2024-01-31 %02d:%02d:%02d", hour, minute, second));
        }
      }
    }
    Random random = new Random(11);
    String alphabet = "0123456789-: T/+.xZ٣";
    for (int i = 0; i < 20_000; i++) {
      char[] chars = "2024-02-29 23:59:59".toCharArray();
      for (int k = 0; k < 1 + random.nextInt(2); k++) {
        chars[random.nextInt(chars.length)] = alphabet.charAt(random.nextInt(alphabet.length()));
      }
      values.add(new String(chars));
    }
    for (String value : values) {
      assertEquals(parses(value), CallTimestamps.isAsteriskTime(value), value);
      assertEquals(parses(value), isAsteriskTimeInBytes(value), value);
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "2024-02-30",
        "2024-02-30 10:00:00",
        "2024-01-31 24:00:00",
        "2024-01-31T23:59:60",
        " 2024-01-31 10:00:00\t",
        "2024-01-31 10:00:00 ",
        "\u20032024-01-31 10:00:00"
      })
  void acceptsTheYearFirstFormWithItsRangesAsTheExpressionDoes(String value) {
    assertTrue(CallTimestamps.isTimestamp(value), value);
    assertTrue(isTimestampInBytes(value), value);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "2024-01-32",
        "2024-00-10",
        "2024-13-01 10:00:00",
        "2024-01-31 25:00:00",
        "2024-01-31 24:61:00",
        "2024-01-31 10:60:00",
        "2024-01-31 10:00:61",
        "2024-01-31X10:00:00",
        "2024-01-31 10:00:00 junk",
        "2024-01-31_",
        "2024-01-31 1:00:00x"
      })
  void refusesTheYearFirstFormsNeighboursAsTheExpressionDoes(String value) {
    assertFalse(CallTimestamps.isTimestamp(value), value);
    assertFalse(isTimestampInBytes(value), value);
  }

  @Test
  void agreesWithTheExpressionsOnMutatedTimestamps() {
    Random random = new Random(11);
    String[] seeds = {
      "2024-01-31 10:00:00",
      "2024-01-31",
      "2024-01-31T10:00:00",
      "31.01.2024 10:00",
      "20240131100000",
      "1706695200"
    };
    String alphabet = "0123456789-:. T/ZAPM\t€";
    for (int i = 0; i < 50_000; i++) {
      StringBuilder value = new StringBuilder(seeds[random.nextInt(seeds.length)]);
      for (int k = 0; k < random.nextInt(3); k++) {
        int at = random.nextInt(value.length() + 1);
        char c = alphabet.charAt(random.nextInt(alphabet.length()));
        switch (random.nextInt(3)) {
          case 0 -> value.insert(at, c);
          case 1 -> value.setCharAt(Math.min(at, value.length() - 1), c);
          default -> value.deleteCharAt(Math.min(at, value.length() - 1));
        }
      }
      String v = value.toString();
      boolean expected = CallTimestamps.matchesAnyForm(v.strip());
      assertEquals(expected, CallTimestamps.isTimestamp(v), v);
      assertEquals(expected, isTimestampInBytes(v), v);
    }
  }

  private static boolean parses(String value) {
    try {
      LocalDateTime.parse(value, ASTERISK);
      return value.length() == 19;
    } catch (DateTimeParseException e) {
      return false;
    }
  }

  /** The bytes version, reading the value from the middle of a larger array. */
  private static boolean isAsteriskTimeInBytes(String value) {
    byte[] bytes = ("xx" + value + "yy").getBytes(StandardCharsets.UTF_8);
    return CallTimestamps.isAsteriskTime(bytes, 2, bytes.length - 4);
  }

  private static boolean isTimestampInBytes(String value) {
    byte[] bytes = ("xx" + value + "yy").getBytes(StandardCharsets.UTF_8);
    return CallTimestamps.isTimestamp(bytes, 2, bytes.length - 4);
  }
}
