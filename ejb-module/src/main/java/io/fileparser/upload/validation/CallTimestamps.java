package io.fileparser.upload.validation;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
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

  private static final DateTimeFormatter ASTERISK =
      DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss").withResolverStyle(ResolverStyle.STRICT);

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
    if (value.length() != 19) {
      return false;
    }
    try {
      LocalDateTime.parse(value, ASTERISK);
      return true;
    } catch (DateTimeParseException e) {
      return false;
    }
  }

  /** Whether {@code value} (surrounding spaces ignored) is a start time in one of the forms. */
  static boolean isTimestamp(String value) {
    String v = value.strip();
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
