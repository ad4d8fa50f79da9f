package io.fileparser.templates;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Whether the head of a text file fits a fixed-width template ({@code source.fixedWidth: true}):
 * after {@code source.skipLines} (and a header line, if the document says it has one), at least
 * {@value #MOST_LINES_PERCENT}% of the non-blank lines, and at least one, hold a value in every
 * required field's columns that reads as the field's type (and keeps to its {@code rules.regex}),
 * and an optional field is empty or reads so too. Title and total lines within the rest are
 * allowed, as the workers skip the rows a template rejects.
 *
 * <p>The type check is the shape of the text, not the workers' full reading: digits for {@code
 * integer} and {@code duration} in seconds, a dialling string for {@code phone}, a {@code strptime}
 * pattern turned into a regular expression for {@code date}/{@code datetime}. It answers the
 * upload's question, "is this text one of our layouts", which {@code CdrSniffer} answers only for
 * switch exports stamped {@code yyyyMMddHHmmss}.
 */
public final class FixedWidthFit {

  static final int MOST_LINES_PERCENT = 80;

  private static final Pattern LINE_BREAK = Pattern.compile("\r\n|\r|\n");
  private static final Pattern DIGITS = Pattern.compile("[0-9]+");
  private static final Pattern PHONE = Pattern.compile("\\+?[0-9*#]{2,32}");
  private static final Pattern NUMBER = Pattern.compile("[-+]?[0-9]+([.,][0-9]+)?");

  private record Field(int start, int end, boolean required, Pattern shape, Pattern rule) {}

  private FixedWidthFit() {}

  /**
   * @param document a template document (docs/template-format.md)
   * @param truncated whether the file continues after {@code text}, so its last line may be cut
   */
  public static boolean fits(JsonNode document, String text, boolean truncated) {
    JsonNode source = document.path("source");
    if (!source.path("fixedWidth").asBoolean(false)) {
      return false;
    }
    List<Field> fields = fields(document);
    if (fields.stream().noneMatch(Field::required)) {
      return false; // nothing a line must hold: any text would fit
    }
    List<String> lines = new ArrayList<>(List.of(LINE_BREAK.split(text, -1)));
    if (truncated && !lines.isEmpty()) {
      lines.remove(lines.size() - 1); // cut by the head's end, or the empty rest after a break
    }
    int skip = source.path("skipLines").asInt(0) + (source.path("header").asBoolean(false) ? 1 : 0);
    List<String> rows =
        lines.stream().skip(Math.max(0, skip)).filter(line -> !line.isBlank()).toList();
    if (rows.isEmpty()) {
      return false;
    }
    long fitting = rows.stream().filter(row -> fitsLine(row, fields)).count();
    return fitting * 100 >= (long) MOST_LINES_PERCENT * rows.size();
  }

  private static boolean fitsLine(String line, List<Field> fields) {
    for (Field field : fields) {
      String value =
          field.start() >= line.length()
              ? ""
              : line.substring(field.start(), Math.min(field.end(), line.length())).strip();
      if (value.isEmpty()) {
        if (field.required()) {
          return false;
        }
        continue;
      }
      if (field.shape() != null && !field.shape().matcher(value).matches()) {
        return false;
      }
      if (field.rule() != null && !field.rule().matcher(value).matches()) {
        return false;
      }
    }
    return true;
  }

  private static List<Field> fields(JsonNode document) {
    List<Field> fields = new ArrayList<>();
    for (JsonNode field : document.path("fields")) {
      JsonNode locate = field.path("locate");
      if (!locate.path("start").isInt() || !locate.path("end").isInt()) {
        continue;
      }
      fields.add(
          new Field(
              locate.get("start").asInt(),
              locate.get("end").asInt(),
              field.path("required").asBoolean(false),
              shape(field.path("type").asText(""), field.path("format").asText(null)),
              rule(field.path("rules").path("regex").asText(null))));
    }
    return fields;
  }

  /** The shape a value of the type has, or null where any text may be one. */
  static Pattern shape(String type, String format) {
    return switch (type) {
      case "integer" -> NUMBER;
      case "decimal", "currency" -> NUMBER;
      case "phone" -> PHONE;
      case "duration" ->
          format == null || "seconds".equals(format) || "milliseconds".equals(format)
              ? DIGITS
              : null;
      case "date", "datetime" -> format == null ? null : strptime(format);
      default -> null;
    };
  }

  /**
   * A strptime pattern as a regular expression: numeric directives as digit runs of their width,
   * the others as any text, literal characters as themselves. Epoch formats are digit runs.
   */
  static Pattern strptime(String format) {
    if ("epoch".equals(format) || "epoch-ms".equals(format)) {
      return DIGITS;
    }
    StringBuilder regex = new StringBuilder();
    for (int i = 0; i < format.length(); i++) {
      char c = format.charAt(i);
      if (c == '%' && i + 1 < format.length()) {
        char directive = format.charAt(++i);
        regex.append(
            switch (directive) {
              case 'Y' -> "\\d{4}";
              case 'y', 'm', 'd', 'H', 'M', 'S', 'I' -> "\\d{1,2}";
              case 'j' -> "\\d{1,3}";
              case 'f' -> "\\d{1,6}";
              case 'p' -> "(?i:am|pm)";
              case 'z' -> "([+-]\\d{2}:?\\d{2}|Z)?";
              case '%' -> "%";
              default -> ".+?";
            });
      } else {
        regex.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE);
  }

  private static Pattern rule(String regex) {
    if (regex == null) {
      return null;
    }
    try {
      return Pattern.compile(regex);
    } catch (PatternSyntaxException e) {
      return null; // documents are checked when stored; a built-in one the JDK reads differently
    }
  }
}
