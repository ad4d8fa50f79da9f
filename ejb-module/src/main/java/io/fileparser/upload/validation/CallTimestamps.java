package io.fileparser.upload.validation;

import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Recognises the start times CDR exports write. Asterisk writes exactly {@code yyyy-MM-dd
 * HH:mm:ss}; exports with a header write what their switch or billing system likes, so those are
 * accepted in the common forms: year first ({@code 2024-01-31}, {@code 2024/01/31}, optionally with
 * {@code T} or a space, a time, a fraction and an offset), day or month first ({@code 31.01.2024},
 * {@code 01/31/2024 10:00 PM}), compact ({@code 20240131100000}) and Unix epoch seconds or
 * milliseconds. A date alone is enough, since some exports put the time in a column of its own.
 * Field ranges are checked (month 1-12, day 1-31, hour 0-24, minute and second 0-59, leap second
 * 60), so a number that merely has the shape of a date is not taken for one.
 */
final class CallTimestamps {

  private static final String TIME =
      "(?:[T ](\\d{1,2}):(\\d{2})(?::(\\d{2})(?:[.,]\\d{1,9})?)?"
          + "(?: ?(?:[AaPp][Mm]))?(?: ?(?:Z|[+-]\\d{2}:?\\d{2}|UTC|GMT))?)?";
  private static final Pattern YEAR_FIRST =
      Pattern.compile("(\\d{4})([-/.])(\\d{1,2})\\2(\\d{1,2})" + TIME);
  private static final Pattern YEAR_LAST =
      Pattern.compile("(\\d{1,2})([-/.])(\\d{1,2})\\2(\\d{4}|\\d{2})" + TIME);
  private static final Pattern COMPACT =
      Pattern.compile("(\\d{4})(\\d{2})(\\d{2})(?:[T ]?(\\d{2})(\\d{2})(\\d{2})?)?");
  private static final Pattern EPOCH = Pattern.compile("\\d{10}(?:\\d{3})?(?:\\.\\d{1,6})?");

  private CallTimestamps() {}

  /** Whether {@code value} is an Asterisk time: {@code yyyy-MM-dd HH:mm:ss}, a real date. */
  static boolean isAsteriskTime(String value) {
    // Characters past Latin-1 become '?', which no form accepts.
    byte[] bytes = value.getBytes(StandardCharsets.ISO_8859_1);
    return isAsteriskTime(bytes, 0, bytes.length);
  }

  /**
   * Whether the UTF-8 bytes {@code off} to {@code off + len} are an Asterisk time. Accepts and
   * refuses exactly what {@code LocalDateTime.parse} with {@code uuuu-MM-dd HH:mm:ss} and {@code
   * ResolverStyle.STRICT} does for 19 characters: four ASCII digits of a proleptic year (0000 is 1
   * BC, a leap year), a real day of that month, hour 00-23, minute and second 00-59.
   */
  static boolean isAsteriskTime(byte[] b, int off, int len) {
    if (len != 19
        || b[off + 4] != '-'
        || b[off + 7] != '-'
        || b[off + 10] != ' '
        || b[off + 13] != ':'
        || b[off + 16] != ':') {
      return false;
    }
    int year = number(b, off, 4);
    int month = number(b, off + 5, 2);
    int day = number(b, off + 8, 2);
    int hour = number(b, off + 11, 2);
    int minute = number(b, off + 14, 2);
    int second = number(b, off + 17, 2);
    return year >= 0
        && month >= 1
        && month <= 12
        && day >= 1
        && day <= daysIn(year, month)
        && hour >= 0
        && hour <= 23
        && minute >= 0
        && minute <= 59
        && second >= 0
        && second <= 59;
  }

  /** Whether {@code value} (surrounding spaces ignored) is a start time in one of the forms. */
  static boolean isTimestamp(String value) {
    String v = value.strip();
    byte[] bytes = v.getBytes(StandardCharsets.ISO_8859_1);
    int common = commonForm(bytes, 0, bytes.length);
    return common == OTHER_FORM ? matchesAnyForm(v) : common == VALID;
  }

  /**
   * Like {@link #isTimestamp(String)} on the UTF-8 bytes {@code off} to {@code off + len}, without
   * decoding them when they hold the common year-first form.
   */
  static boolean isTimestamp(byte[] b, int off, int len) {
    int from = off;
    int to = off + len;
    while (from < to && isAsciiWhitespace(b[from])) {
      from++;
    }
    while (to > from && isAsciiWhitespace(b[to - 1])) {
      to--;
    }
    int common = commonForm(b, from, to - from);
    if (common != OTHER_FORM) {
      return common == VALID;
    }
    return matchesAnyForm(new String(b, off, len, StandardCharsets.UTF_8).strip());
  }

  private static final int VALID = 1;
  private static final int INVALID = 0;
  private static final int OTHER_FORM = -1;

  /**
   * Judges the form most exports write, {@code yyyy-MM-dd} optionally followed by {@code [T
   * ]HH:mm:ss}, as {@link #YEAR_FIRST} would, or answers {@link #OTHER_FORM} for any other text.
   */
  private static int commonForm(byte[] b, int off, int len) {
    if ((len != 10 && len != 19) || b[off + 4] != '-' || b[off + 7] != '-') {
      return OTHER_FORM;
    }
    int year = number(b, off, 4);
    int month = number(b, off + 5, 2);
    int day = number(b, off + 8, 2);
    if (year < 0 || month < 0 || day < 0) {
      return OTHER_FORM;
    }
    boolean date = month >= 1 && month <= 12 && day >= 1 && day <= 31;
    if (len == 10) {
      return date ? VALID : INVALID;
    }
    if ((b[off + 10] != ' ' && b[off + 10] != 'T') || b[off + 13] != ':' || b[off + 16] != ':') {
      return OTHER_FORM;
    }
    int hour = number(b, off + 11, 2);
    int minute = number(b, off + 14, 2);
    int second = number(b, off + 17, 2);
    if (hour < 0 || minute < 0 || second < 0) {
      return OTHER_FORM;
    }
    return date && hour <= 24 && minute <= 59 && second <= 60 ? VALID : INVALID;
  }

  /** The value of {@code digits} ASCII digits from {@code off}, or -1 if one is no digit. */
  private static int number(byte[] b, int off, int digits) {
    int n = 0;
    for (int i = off; i < off + digits; i++) {
      int d = b[i] - '0';
      if (d < 0 || d > 9) {
        return -1;
      }
      n = n * 10 + d;
    }
    return n;
  }

  private static int daysIn(int year, int month) {
    return switch (month) {
      case 2 -> (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28;
      case 4, 6, 9, 11 -> 30;
      default -> 31;
    };
  }

  /** The characters below 0x80 that {@link String#strip()} removes. */
  private static boolean isAsciiWhitespace(byte b) {
    return b == ' ' || (b >= 0x09 && b <= 0x0D) || (b >= 0x1C && b <= 0x1F);
  }

  /** The forms by their regular expressions, for a stripped value; package-private for tests. */
  static boolean matchesAnyForm(String v) {
    Matcher m = YEAR_FIRST.matcher(v);
    if (m.matches()) {
      return isDate(m.group(3), m.group(4)) && isTime(m.group(5), m.group(6), m.group(7));
    }
    m = YEAR_LAST.matcher(v);
    if (m.matches()) {
      // 01/02/2024 may be January 2 or 1 February; either reading must give a real date.
      boolean dayFirst = isDate(m.group(3), m.group(1));
      boolean monthFirst = isDate(m.group(1), m.group(3));
      return (dayFirst || monthFirst) && isTime(m.group(5), m.group(6), m.group(7));
    }
    m = COMPACT.matcher(v);
    if (m.matches()) {
      return isYear(m.group(1))
          && isDate(m.group(2), m.group(3))
          && isTime(m.group(4), m.group(5), m.group(6));
    }
    return EPOCH.matcher(v).matches();
  }

  private static boolean isYear(String year) {
    int y = Integer.parseInt(year);
    return y >= 1970 && y <= 2099;
  }

  private static boolean isDate(String month, String day) {
    int m = Integer.parseInt(month);
    int d = Integer.parseInt(day);
    return m >= 1 && m <= 12 && d >= 1 && d <= 31;
  }

  private static boolean isTime(String hour, String minute, String second) {
    if (hour == null) {
      return true;
    }
    return Integer.parseInt(hour) <= 24
        && Integer.parseInt(minute) <= 59
        && (second == null || Integer.parseInt(second) <= 60);
  }
}
