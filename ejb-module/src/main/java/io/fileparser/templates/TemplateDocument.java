package io.fileparser.templates;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fileparser.problem.KnownMembers;
import io.fileparser.problem.ProblemException;
import io.fileparser.problem.ProblemType;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A template document that keeps every rule of docs/template-format.md (the contract with the
 * workers). {@link #parse} is the only way to get one; what it refuses is an {@code
 * invalid_template} problem whose {@code member} extension names the offending member as a path
 * ({@code fields[2].locate}). Unknown members are refused too ({@code invalid_request}, 400, like
 * an unknown member of any request body), so a typo never silently does nothing.
 *
 * <p>Regular expressions are checked with Java's syntax; the workers run Python's, which agrees on
 * everything but rarely used constructs (possessive quantifiers, named groups' spelling).
 */
public record TemplateDocument(String key, String name, String format, ObjectNode json) {

  public static final List<String> FORMATS = List.of("CSV", "PDF", "CDR");
  public static final List<String> TYPES =
      List.of(
          "string",
          "integer",
          "decimal",
          "date",
          "datetime",
          "duration",
          "phone",
          "currency",
          "enum");
  public static final int MAX_FIELDS = 200;
  public static final int MAX_ENUM_VALUES = 1000;

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern KEY = Pattern.compile("[a-z0-9-]{1,64}");
  private static final Pattern FIELD_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,63}");
  private static final Pattern ENCODING = Pattern.compile("[A-Za-z0-9_.:-]{1,40}");
  private static final Set<String> TOP =
      Set.of("key", "name", "format", "description", "confidenceThreshold", "source", "fields");
  private static final Set<String> SOURCE =
      Set.of(
          "delimiter",
          "quote",
          "encoding",
          "header",
          "skipLines",
          "skipAfterHeader",
          "fixedWidth",
          "timeZone");
  private static final Set<String> FIELD =
      Set.of("name", "type", "required", "locate", "format", "rules");
  private static final Set<String> RULES = Set.of("regex", "enum", "min", "max", "unique");
  private static final Set<String> NUMERIC = Set.of("integer", "decimal", "currency", "duration");
  private static final Map<String, Set<String>> FIXED_FORMATS =
      Map.of(
          "duration", Set.of("seconds", "milliseconds", "hh:mm:ss"),
          "decimal", Set.of("comma"),
          "currency", Set.of("comma"));

  /** The document's JSON text, as stored and sent to the workers. */
  public String toJson() {
    try {
      return JSON.writeValueAsString(json);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a parsed document is always JSON", e);
    }
  }

  /** Reads a document stored by {@link #toJson} (already valid). */
  public static TemplateDocument stored(String text) {
    try {
      ObjectNode node = (ObjectNode) JSON.readTree(text);
      return new TemplateDocument(
          node.path("key").asText(null),
          node.path("name").asText(),
          node.path("format").asText(),
          node);
    } catch (JsonProcessingException | ClassCastException e) {
      throw new IllegalStateException("a stored template document is not a JSON object", e);
    }
  }

  /** Parses JSON text, then {@link #parse(JsonNode, boolean)}. */
  public static TemplateDocument parse(String text, boolean system) {
    try {
      return parse(JSON.readTree(text), system);
    } catch (JsonProcessingException e) {
      throw invalid("", "the document is not JSON");
    }
  }

  /**
   * Checks a document against every rule of the format.
   *
   * @param system whether it is a system template's, which (only) has a {@code key}
   * @throws ProblemException {@code invalid_template} naming the first member that breaks a rule
   */
  public static TemplateDocument parse(JsonNode node, boolean system) {
    if (node == null || !node.isObject()) {
      throw invalid("", "a template document is a JSON object");
    }
    ObjectNode document = node.deepCopy();
    storable(document, "");
    KnownMembers.require(document, TOP, "");
    String key = null;
    if (system) {
      key = text(document, "key", "key", 64, true);
      if (!KEY.matcher(key).matches()) {
        throw invalid("key", "key must be 1-64 of a-z, 0-9 and '-'");
      }
    } else if (document.has("key")) {
      throw invalid("key", "only system templates have a key; leave it out");
    }
    String name = text(document, "name", "name", 200, true);
    if (name.isBlank()) {
      throw invalid("name", "name must not be blank");
    }
    String format = text(document, "format", "format", 8, true);
    if (!FORMATS.contains(format)) {
      throw invalid("format", "format must be one of " + FORMATS);
    }
    text(document, "description", "description", 2000, false);
    JsonNode threshold = document.get("confidenceThreshold");
    if (threshold == null || !threshold.isNumber()) {
      throw invalid("confidenceThreshold", "confidenceThreshold must be a number from 0 to 1");
    }
    if (threshold.asDouble() < 0 || threshold.asDouble() > 1) {
      throw invalid("confidenceThreshold", "confidenceThreshold must be from 0 to 1");
    }
    Source source = source(document.get("source"), format);
    JsonNode fields = document.get("fields");
    if (fields == null || !fields.isArray() || fields.isEmpty()) {
      throw invalid("fields", "fields must be an array of 1 to " + MAX_FIELDS + " fields");
    }
    if (fields.size() > MAX_FIELDS) {
      throw invalid("fields", "a template may have at most " + MAX_FIELDS + " fields");
    }
    Set<String> names = new HashSet<>();
    for (int i = 0; i < fields.size(); i++) {
      String fieldName = field(fields.get(i), "fields[" + i + "]", format, source);
      if (!names.add(fieldName)) {
        throw invalid("fields[" + i + "].name", "field name '" + fieldName + "' is used twice");
      }
    }
    return new TemplateDocument(key, name, format, document);
  }

  /** What the fields' locations depend on. */
  private record Source(boolean header, boolean headerSaidNo, boolean fixedWidth) {}

  private static Source source(JsonNode source, String format) {
    if (source == null || source.isNull()) {
      return new Source(false, false, false);
    }
    if (!source.isObject()) {
      throw invalid("source", "source must be an object");
    }
    if (format.equals("PDF")) {
      throw invalid("source", "source applies to CSV and CDR templates, not PDF");
    }
    KnownMembers.require(source, SOURCE, "source.");
    for (String member : List.of("delimiter", "quote")) {
      String value = text(source, member, "source." + member, 2, false);
      if (value != null && value.length() != 1 && !value.equals("\\t")) {
        throw invalid("source." + member, member + " must be one character ('\\t' for tab)");
      }
    }
    String encoding = text(source, "encoding", "source.encoding", 40, false);
    if (encoding != null && !ENCODING.matcher(encoding).matches()) {
      throw invalid("source.encoding", "encoding must be a character set name such as utf-8");
    }
    if (encoding != null && !knownCharset(encoding)) {
      throw invalid(
          "source.encoding",
          "encoding '"
              + encoding
              + "' is no character set known here; use a name such as utf-8, utf-16,"
              + " windows-1252 or iso-8859-1");
    }
    for (String member : List.of("skipLines", "skipAfterHeader")) {
      JsonNode value = source.get(member);
      if (value != null && !value.isNull() && !isCount(value, 10_000)) {
        throw invalid("source." + member, member + " must be a whole number from 0 to 10000");
      }
    }
    Boolean header = bool(source, "header", "source.header");
    Boolean fixedWidth = bool(source, "fixedWidth", "source.fixedWidth");
    String zone = text(source, "timeZone", "source.timeZone", 64, false);
    if (zone != null && !zone.equals("UTC") && !ZoneId.getAvailableZoneIds().contains(zone)) {
      throw invalid("source.timeZone", "timeZone must be an IANA zone such as Europe/Berlin");
    }
    return new Source(
        Boolean.TRUE.equals(header), Boolean.FALSE.equals(header), Boolean.TRUE.equals(fixedWidth));
  }

  private static String field(JsonNode field, String at, String format, Source source) {
    if (field == null || !field.isObject()) {
      throw invalid(at, "a field is an object with name, type, required and locate");
    }
    KnownMembers.require(field, FIELD, at + ".");
    String name = text(field, "name", at + ".name", 64, true);
    if (!FIELD_NAME.matcher(name).matches()) {
      throw invalid(at + ".name", "a field name is a letter, then up to 63 letters, digits or '_'");
    }
    String type = text(field, "type", at + ".type", 16, true);
    if (!TYPES.contains(type)) {
      throw invalid(at + ".type", "type must be one of " + TYPES);
    }
    JsonNode required = field.get("required");
    if (required == null || !required.isBoolean()) {
      throw invalid(at + ".required", "required must be true or false");
    }
    boolean combined = locate(field.get("locate"), at + ".locate", format, source, type);
    readingFormat(field, at + ".format", type);
    String pattern = field.path("format").asText("");
    if (combined && field.has("format") && !pattern.contains("%")) {
      throw invalid(
          at + ".format",
          "format of a field located by a date and a time column is a strptime pattern of both"
              + " joined by a space (%d/%m/%Y %H:%M:%S)");
    }
    rules(field.get("rules"), at + ".rules", type);
    return name;
  }

  /** Checks a field's {@code locate}; whether it is a combined date and time one. */
  private static boolean locate(
      JsonNode locate, String at, String format, Source source, String type) {
    if (locate == null || !locate.isObject() || locate.isEmpty()) {
      throw invalid(at, "locate must be an object saying where the field is");
    }
    Set<String> members = new HashSet<>();
    locate.fieldNames().forEachRemaining(members::add);
    if (!format.equals("PDF") && (members.contains("date") || members.contains("time"))) {
      if (!members.equals(Set.of("date", "time"))) {
        throw invalid(
            at,
            "a field in a date and a time column is located by {\"date\": {...}, \"time\":"
                + " {...}}, each one column");
      }
      if (!type.equals("datetime")) {
        throw invalid(at, "a field located by a date and a time column has type datetime");
      }
      for (String part : List.of("date", "time")) {
        column(locate.get(part), at + "." + part, format, source);
      }
      return true;
    }
    if (format.equals("PDF")) {
      if (members.equals(Set.of("anchor")) || members.equals(Set.of("anchor", "regex"))) {
        String anchor = text(locate, "anchor", at + ".anchor", 200, true);
        if (anchor.isBlank()) {
          throw invalid(at + ".anchor", "anchor must not be blank");
        }
        if (members.contains("regex")) {
          regex(locate, at + ".regex", true);
        }
      } else if (members.equals(Set.of("regex"))) {
        regex(locate, at + ".regex", true);
      } else if (members.equals(Set.of("region")) || members.equals(Set.of("region", "regex"))) {
        region(locate.get("region"), at + ".region");
        if (members.contains("regex")) {
          regex(locate, at + ".regex", true);
        }
      } else {
        throw invalid(
            at,
            "a PDF field is located by {\"anchor\"}, {\"anchor\", \"regex\"}, {\"regex\"},"
                + " {\"region\"} or {\"region\", \"regex\"}");
      }
      return false;
    }
    column(locate, at, format, source);
    return false;
  }

  /** The largest page side a PDF allows, in points (200 inches). */
  static final int MAX_PAGE_POINTS = 14_400;

  /**
   * Checks a PDF region: {@code page} (from 1) and the box {@code left}, {@code top}, {@code
   * right}, {@code bottom} in points from the page's top left corner.
   */
  private static void region(JsonNode region, String at) {
    if (region == null || !region.isObject()) {
      throw invalid(at, "region must be an object: page, left, top, right, bottom");
    }
    Set<String> members = new HashSet<>();
    region.fieldNames().forEachRemaining(members::add);
    if (!members.equals(Set.of("page", "left", "top", "right", "bottom"))) {
      throw invalid(at, "region has exactly page, left, top, right and bottom");
    }
    JsonNode page = region.get("page");
    if (!page.isIntegralNumber() || page.asLong() < 1 || page.asLong() > 10_000) {
      throw invalid(at + ".page", "page must be a page number from 1");
    }
    for (String side : List.of("left", "top", "right", "bottom")) {
      JsonNode value = region.get(side);
      if (!value.isNumber() || value.asDouble() < 0 || value.asDouble() > MAX_PAGE_POINTS) {
        throw invalid(
            at + "." + side, side + " must be a number of points from 0 to " + MAX_PAGE_POINTS);
      }
    }
    if (region.get("left").asDouble() >= region.get("right").asDouble()) {
      throw invalid(at, "left must be less than right");
    }
    if (region.get("top").asDouble() >= region.get("bottom").asDouble()) {
      throw invalid(at, "top must be less than bottom (measured down from the top)");
    }
  }

  /** Checks the location of one CSV/CDR column: by header name, index, or start and end. */
  private static void column(JsonNode locate, String at, String format, Source source) {
    if (locate == null || !locate.isObject() || locate.isEmpty()) {
      throw invalid(at, "locate must be an object saying where the column is");
    }
    Set<String> members = new HashSet<>();
    locate.fieldNames().forEachRemaining(members::add);
    if (members.equals(Set.of("header"))) {
      String header = text(locate, "header", at + ".header", 200, true);
      if (header.isBlank()) {
        throw invalid(at + ".header", "header must not be blank");
      }
      if (source.headerSaidNo() || source.fixedWidth()) {
        throw invalid(
            at, "a field located by header name needs a header line (source.header) and columns");
      }
    } else if (members.equals(Set.of("index"))) {
      if (!isCount(locate.get("index"), 9_999)) {
        throw invalid(at + ".index", "index must be a whole number from 0 (the first column)");
      }
      if (source.fixedWidth()) {
        throw invalid(at, "a fixed-width template locates fields by start and end");
      }
    } else if (members.equals(Set.of("start", "end"))) {
      if (!isCount(locate.get("start"), 100_000) || !isCount(locate.get("end"), 100_000)) {
        throw invalid(at, "start and end must be whole numbers from 0");
      }
      if (locate.get("end").asInt() <= locate.get("start").asInt()) {
        throw invalid(at + ".end", "end (exclusive) must be after start");
      }
      if (!source.fixedWidth()) {
        throw invalid(at, "fields are located by start and end only with source.fixedWidth true");
      }
    } else {
      throw invalid(
          at,
          "a "
              + format
              + " field is located by exactly one of {\"header\"}, {\"index\"} or {\"start\","
              + " \"end\"}");
    }
  }

  private static boolean knownCharset(String name) {
    try {
      return java.nio.charset.Charset.isSupported(name);
    } catch (java.nio.charset.IllegalCharsetNameException e) {
      return false;
    }
  }

  private static void readingFormat(JsonNode field, String at, String type) {
    String value = text(field, "format", at, 100, false);
    if (value == null) {
      return;
    }
    boolean fits =
        switch (type) {
          case "date", "datetime" ->
              value.equals("epoch") || value.equals("epoch-ms") || value.contains("%");
          case "duration", "decimal", "currency" -> FIXED_FORMATS.get(type).contains(value);
          default -> false;
        };
    if (!fits) {
      throw invalid(
          at,
          switch (type) {
            case "date", "datetime" ->
                "format of a " + type + " is epoch, epoch-ms or a strptime pattern (%Y-%m-%d)";
            case "duration", "decimal", "currency" ->
                "format of a " + type + " is one of " + FIXED_FORMATS.get(type);
            default -> "a field of type " + type + " has no format";
          });
    }
  }

  private static void rules(JsonNode rules, String at, String type) {
    if (rules == null || rules.isNull()) {
      if (type.equals("enum")) {
        throw invalid(at + ".enum", "a field of type enum lists its values in rules.enum");
      }
      return;
    }
    if (!rules.isObject()) {
      throw invalid(at, "rules must be an object");
    }
    KnownMembers.require(rules, RULES, at + ".");
    if (rules.has("regex")) {
      regex(rules, at + ".regex", false);
    }
    JsonNode values = rules.get("enum");
    if (values != null) {
      if (!values.isArray() || values.isEmpty() || values.size() > MAX_ENUM_VALUES) {
        throw invalid(at + ".enum", "enum must list 1 to " + MAX_ENUM_VALUES + " values");
      }
      Set<String> seen = new HashSet<>();
      for (JsonNode value : values) {
        if (!value.isTextual() || value.asText().isEmpty() || value.asText().length() > 200) {
          throw invalid(at + ".enum", "enum values are texts of 1-200 characters");
        }
        if (!seen.add(value.asText())) {
          throw invalid(at + ".enum", "enum value '" + value.asText() + "' is listed twice");
        }
      }
    } else if (type.equals("enum")) {
      throw invalid(at + ".enum", "a field of type enum lists its values in rules.enum");
    }
    JsonNode unique = rules.get("unique");
    if (unique != null && !unique.isBoolean()) {
      throw invalid(at + ".unique", "unique must be true or false");
    }
    bounds(rules, at, type);
  }

  private static void bounds(JsonNode rules, String at, String type) {
    JsonNode min = rules.get("min");
    JsonNode max = rules.get("max");
    if (min == null && max == null) {
      return;
    }
    if (NUMERIC.contains(type)) {
      for (String member : List.of("min", "max")) {
        JsonNode value = rules.get(member);
        if (value != null && !value.isNumber()) {
          throw invalid(at + "." + member, member + " of a " + type + " must be a number");
        }
      }
      if (min != null && max != null && min.decimalValue().compareTo(max.decimalValue()) > 0) {
        throw invalid(at + ".min", "min must not be above max");
      }
    } else if (type.equals("date") || type.equals("datetime")) {
      Comparable<?> low = min == null ? null : isoValue(min, at + ".min", type);
      Comparable<?> high = max == null ? null : isoValue(max, at + ".max", type);
      if (low != null && high != null && compare(low, high) > 0) {
        throw invalid(at + ".min", "min must not be after max");
      }
    } else {
      throw invalid(
          at + (min != null ? ".min" : ".max"),
          "min and max apply to numbers, durations, dates and datetimes, not " + type);
    }
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static int compare(Comparable low, Comparable high) {
    return low.getClass() == high.getClass() ? low.compareTo(high) : 0;
  }

  private static Comparable<?> isoValue(JsonNode value, String at, String type) {
    if (!value.isTextual()) {
      throw invalid(at, "bounds of a " + type + " are ISO-8601 texts such as 2026-01-31");
    }
    String text = value.asText();
    try {
      if (type.equals("date")) {
        return LocalDate.parse(text);
      }
      try {
        return OffsetDateTime.parse(text).toInstant();
      } catch (DateTimeParseException e) {
        return LocalDateTime.parse(text);
      }
    } catch (DateTimeParseException e) {
      throw invalid(
          at,
          "bounds of a "
              + type
              + " are ISO-8601 texts such as "
              + (type.equals("date") ? "2026-01-31" : "2026-01-31T00:00:00"));
    }
  }

  private static void regex(JsonNode holder, String at, boolean needsGroup) {
    String member = at.substring(at.lastIndexOf('.') + 1);
    String regex = text(holder, member, at, 1000, true);
    try {
      Pattern pattern = Pattern.compile(regex);
      if (needsGroup && pattern.matcher("").groupCount() < 1) {
        throw invalid(at, "the regex must have a group: the field's value is its first group");
      }
    } catch (PatternSyntaxException e) {
      throw invalid(at, "not a regular expression: " + e.getDescription());
    }
  }

  /**
   * Every text and member name must be one PostgreSQL keeps (no NUL, no unpaired surrogate) and
   * every number finite (JSON has no infinity; a client's 1e400 reads as one).
   */
  private static void storable(JsonNode node, String at) {
    if (node.isTextual()) {
      storableText(node.asText(), at);
    } else if (node.isFloatingPointNumber() && !Double.isFinite(node.asDouble())) {
      throw invalid(at, "a number out of range");
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        storable(node.get(i), at + "[" + i + "]");
      }
    } else if (node.isObject()) {
      Iterator<Map.Entry<String, JsonNode>> members = node.fields();
      while (members.hasNext()) {
        Map.Entry<String, JsonNode> member = members.next();
        String path = at.isEmpty() ? member.getKey() : at + "." + member.getKey();
        storableText(member.getKey(), path);
        storable(member.getValue(), path);
      }
    }
  }

  private static void storableText(String text, String at) {
    if (text.indexOf('\0') >= 0
        || text.codePoints()
            .anyMatch(c -> c >= Character.MIN_SURROGATE && c <= Character.MAX_SURROGATE)) {
      throw invalid(at, "text must be Unicode without NUL characters");
    }
  }

  private static String text(JsonNode object, String member, String at, int max, boolean needed) {
    JsonNode value = object.get(member);
    if (value == null || value.isNull()) {
      if (needed) {
        throw invalid(at, member + " is required");
      }
      return null;
    }
    if (!value.isTextual()) {
      throw invalid(at, member + " must be a string");
    }
    if (value.asText().isEmpty() || value.asText().length() > max) {
      throw invalid(at, member + " must have 1 to " + max + " characters");
    }
    return value.asText();
  }

  private static Boolean bool(JsonNode object, String member, String at) {
    JsonNode value = object.get(member);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isBoolean()) {
      throw invalid(at, member + " must be true or false");
    }
    return value.asBoolean();
  }

  private static boolean isCount(JsonNode value, int max) {
    return value != null
        && value.isIntegralNumber()
        && value.canConvertToInt()
        && value.asInt() >= 0
        && value.asInt() <= max;
  }

  static ProblemException invalid(String member, String detail) {
    return new ProblemException(
        ProblemType.INVALID_TEMPLATE,
        member.isEmpty() ? detail : member + ": " + detail,
        Map.of("member", member));
  }
}
