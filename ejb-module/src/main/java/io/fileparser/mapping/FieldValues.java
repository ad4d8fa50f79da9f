package io.fileparser.mapping;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Whether a source value reads as a template field's type and format, the way the workers read it
 * (worker/parser_worker/template_engine.py {@code convert}): integers, decimals (and currency with
 * its mark), phone numbers, ISO-like dates and times or those of a {@code strptime} pattern, epoch
 * times, durations in seconds or {@code h:mm:ss}. It judges a mapping before any worker runs it;
 * the worker's reading stays the one that counts, so where the two could differ (an unusual {@code
 * strptime} directive) this one accepts.
 */
final class FieldValues {

  private static final Pattern INTEGER = Pattern.compile("[-+]?\\d{1,18}");
  private static final Pattern NUMBER =
      Pattern.compile("[-+]?(?:\\d+(?:\\.\\d+)?|\\.\\d+)(?:[eE][-+]?\\d+)?");
  private static final Pattern CURRENCY_MARK =
      Pattern.compile("^(?:[A-Z]{3}\\s*|[$€£¥]\\s*)|(?:\\s*[A-Z]{3}|\\s*[$€£¥])$");
  private static final Pattern PHONE = Pattern.compile("\\+?[0-9*#][0-9*# ()./-]*");
  private static final Pattern DURATION = Pattern.compile("\\d+|(?:\\d+:)?[0-5]?\\d:[0-5]\\d");
  private static final Pattern ISO_DATE = Pattern.compile("\\d{4}[-/]\\d{2}[-/]\\d{2}");
  private static final Pattern DMY_DATE = Pattern.compile("\\d{1,2}[./]\\d{1,2}[./]\\d{4}");
  private static final Pattern TIMESTAMP =
      Pattern.compile(
          "(?:\\d{4}[-/]\\d{2}[-/]\\d{2}|\\d{1,2}[./]\\d{1,2}[./]\\d{4})[T ]\\d{1,2}:\\d{2}"
              + "(?::\\d{2}(?:[.,]\\d{1,9})?)?\\s*(?:Z|[+-]\\d{2}:?\\d{2}|UTC)?");
  private static final Map<Character, String> STRPTIME =
      Map.ofEntries(
          Map.entry('Y', "uuuu"),
          Map.entry('y', "uu"),
          Map.entry('m', "MM"),
          Map.entry('d', "dd"),
          Map.entry('H', "HH"),
          Map.entry('I', "hh"),
          Map.entry('M', "mm"),
          Map.entry('S', "ss"),
          Map.entry('f', "SSSSSS"),
          Map.entry('p', "a"),
          Map.entry('b', "MMM"),
          Map.entry('B', "MMMM"),
          Map.entry('z', "xx"),
          Map.entry('%', "'%'"));

  private FieldValues() {}

  /**
   * @param enumValues the allowed values of an {@code enum} field (empty for other types)
   * @return whether {@code text} (not blank) reads as the type
   */
  static boolean reads(String type, String format, String text, List<String> enumValues) {
    String value = text.strip();
    return switch (type) {
      case "integer" -> INTEGER.matcher(value).matches();
      case "decimal" -> NUMBER.matcher(comma(value, format)).matches();
      case "currency" ->
          NUMBER
              .matcher(comma(CURRENCY_MARK.matcher(value).replaceAll("").strip(), format))
              .matches();
      case "phone" -> PHONE.matcher(value).matches() && digits(value) >= 1 && digits(value) <= 20;
      case "date" -> isPattern(format) ? parses(value, format, false) : isDate(value);
      case "datetime" -> datetime(value, format);
      case "duration" -> duration(value, format);
      case "enum" -> enumValues.stream().anyMatch(v -> v.equalsIgnoreCase(value));
      default -> true;
    };
  }

  private static boolean datetime(String value, String format) {
    if ("epoch".equals(format) || "epoch-ms".equals(format)) {
      return NUMBER.matcher(value).matches();
    }
    if (isPattern(format)) {
      return parses(value, format, true);
    }
    return TIMESTAMP.matcher(value).matches() || isDate(value);
  }

  private static boolean duration(String value, String format) {
    boolean number = NUMBER.matcher(value).matches() && !value.startsWith("-");
    if ("seconds".equals(format) || "milliseconds".equals(format)) {
      return number;
    }
    return number || DURATION.matcher(value).matches();
  }

  private static boolean isDate(String value) {
    return ISO_DATE.matcher(value).matches() || DMY_DATE.matcher(value).matches();
  }

  private static boolean isPattern(String format) {
    return format != null && format.contains("%");
  }

  /** Reads with a {@code strptime} pattern; a directive without a Java twin accepts the value. */
  private static boolean parses(String value, String pattern, boolean withTime) {
    StringBuilder java = new StringBuilder();
    for (int i = 0; i < pattern.length(); i++) {
      char c = pattern.charAt(i);
      if (c == '%' && i + 1 < pattern.length()) {
        String directive = STRPTIME.get(pattern.charAt(++i));
        if (directive == null) {
          return true;
        }
        java.append(directive);
      } else if (Character.isLetter(c)) {
        java.append('\'').append(c).append('\'');
      } else if (c == '\'') {
        java.append("''");
      } else {
        java.append(c);
      }
    }
    try {
      DateTimeFormatter formatter = DateTimeFormatter.ofPattern(java.toString(), Locale.ENGLISH);
      if (withTime && java.indexOf("HH") + java.indexOf("hh") > -2) {
        LocalDateTime.parse(value, formatter);
      } else {
        formatter.parse(value);
      }
      return true;
    } catch (DateTimeParseException | IllegalArgumentException e) {
      return false;
    }
  }

  private static String comma(String value, String format) {
    return "comma".equals(format) && value.contains(",")
        ? value.replace(".", "").replace(",", ".")
        : value;
  }

  private static long digits(String value) {
    return value.chars().filter(Character::isDigit).count();
  }
}
