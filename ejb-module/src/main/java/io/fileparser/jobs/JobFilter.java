package io.fileparser.jobs;

import io.fileparser.files.entity.FileFormat;
import io.fileparser.jobs.entity.JobState;
import io.fileparser.problem.InputLimits;
import io.fileparser.problem.ProblemException;
import io.fileparser.problem.ProblemType;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Which of a tenant's jobs a list or a bulk action selects. Every condition holds at once; an empty
 * set or a null means "any". Ranges include their start and exclude their end.
 *
 * <ul>
 *   <li>{@code states}, {@code formats}, {@code priorities}: one of the given
 *   <li>{@code createdFrom/To}: when the job was created; {@code completedFrom/To}: when it
 *       finished (completed, failed, cancelled or dead-lettered), so a range excludes unfinished
 *       jobs
 *   <li>{@code filenameContains}: a case-insensitive part of the file name
 *   <li>{@code terms}: text search, each term a case-insensitive part of the file name or of the
 *       metadata (its keys and values as the client sent them), every term somewhere
 *   <li>{@code templateId} (and {@code templateVersion}): the template asked for at upload or the
 *       one the worker matched (at that version)
 *   <li>{@code needsMapping}: true for jobs whose layout needs a person's mapping, false for jobs
 *       classified without one (unclassified jobs match neither)
 *   <li>{@code errorCategories}: the category of the job's last failure
 *   <li>{@code submittedBy}: the caller who uploaded it, exactly
 *   <li>{@code metadata}: each key's value, compared as text (a JSON number or boolean as written)
 * </ul>
 */
public record JobFilter(
    Set<JobState> states,
    Set<FileFormat> formats,
    Set<Integer> priorities,
    Instant createdFrom,
    Instant createdTo,
    Instant completedFrom,
    Instant completedTo,
    String filenameContains,
    List<String> terms,
    String templateId,
    Integer templateVersion,
    Boolean needsMapping,
    Set<String> errorCategories,
    String submittedBy,
    Map<String, String> metadata) {

  public static final int MAX_FILENAME_FILTER = 255;
  public static final int MAX_SEARCH_LENGTH = 200;
  public static final int MAX_TERMS = 8;
  public static final int MAX_METADATA_CONDITIONS = 10;
  public static final int MAX_CATEGORIES = 20;

  /** Every job of the tenant. */
  public static final JobFilter ANY =
      new JobFilter(
          Set.of(), Set.of(), Set.of(), null, null, null, null, null, List.of(), null, null, null,
          Set.of(), null, Map.of());

  private static final Pattern CATEGORY = Pattern.compile("[A-Za-z][A-Za-z0-9_.-]{0,63}");
  private static final Pattern TEMPLATE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.:-]{0,99}");
  private static final int MAX_TERM = 100;
  private static final int MIN_TERM = 2;
  private static final int MAX_METADATA_KEY = 100;
  private static final int MAX_METADATA_VALUE = 500;

  public JobFilter {
    states = Set.copyOf(states);
    formats = Set.copyOf(formats);
    priorities = Set.copyOf(priorities);
    terms = List.copyOf(terms);
    errorCategories = Set.copyOf(errorCategories);
    metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
    if (templateVersion != null && templateId == null) {
      throw invalid("templateVersion needs template: a version number belongs to one template");
    }
  }

  /** The filter's parameters as a client sent them (query parameters or a bulk request's body). */
  public record Input(
      List<String> state,
      List<String> format,
      List<String> priority,
      String createdFrom,
      String createdTo,
      String completedFrom,
      String completedTo,
      String filename,
      String q,
      String template,
      String templateVersion,
      String needsMapping,
      List<String> errorCategory,
      String submittedBy,
      List<String> metadata) {}

  /**
   * Reads the filter's parameters: lists repeatable or comma-separated, enums in any case, ISO-8601
   * instants, metadata conditions as {@code key:value}.
   *
   * @throws ProblemException {@code invalid_request} naming the parameter
   */
  public static JobFilter parse(Input in) {
    String filename = text(in.filename(), "filename");
    if (filename != null && filename.length() > MAX_FILENAME_FILTER) {
      throw invalid("filename filter must be at most " + MAX_FILENAME_FILTER + " characters");
    }
    Set<Integer> priorities = new TreeSet<>();
    for (String item : items(in.priority())) {
      OptionalInt value = InputLimits.wholeNumber(item);
      if (value.isEmpty() || value.getAsInt() < 0 || value.getAsInt() > 9) {
        throw invalid("priority '" + item + "' is not a whole number from 0 to 9");
      }
      priorities.add(value.getAsInt());
    }
    Set<String> categories = new LinkedHashSet<>();
    for (String item : items(in.errorCategory())) {
      if (!CATEGORY.matcher(item).matches()) {
        throw invalid("errorCategory '" + shorten(item) + "' is not a category name");
      }
      categories.add(item);
    }
    if (categories.size() > MAX_CATEGORIES) {
      throw invalid("at most " + MAX_CATEGORIES + " error categories");
    }
    String template = blankToNull(text(in.template(), "template"));
    if (template != null && !TEMPLATE_ID.matcher(template).matches()) {
      throw invalid("template '" + shorten(template) + "' is not a template id");
    }
    Integer version = null;
    if (in.templateVersion() != null && !in.templateVersion().isBlank()) {
      OptionalInt value = InputLimits.wholeNumber(in.templateVersion().strip());
      if (value.isEmpty() || value.getAsInt() < 1) {
        throw invalid("templateVersion must be a whole number from 1");
      }
      version = value.getAsInt();
    }
    String submittedBy = blankToNull(text(in.submittedBy(), "submittedBy"));
    if (submittedBy != null && submittedBy.length() > 200) {
      throw invalid("submittedBy must be at most 200 characters");
    }
    return new JobFilter(
        enums(in.state(), JobState.class, "state"),
        enums(in.format(), FileFormat.class, "format"),
        priorities,
        instant(in.createdFrom(), "createdFrom"),
        instant(in.createdTo(), "createdTo"),
        instant(in.completedFrom(), "completedFrom"),
        instant(in.completedTo(), "completedTo"),
        filename,
        terms(in.q()),
        template,
        version,
        bool(in.needsMapping(), "needsMapping"),
        categories,
        submittedBy,
        metadata(in.metadata()));
  }

  /** Whether the filter selects every job of the tenant. */
  public boolean isEmpty() {
    return equals(ANY);
  }

  /** The search text split into terms: blanks separate them, double quotes keep a phrase. */
  static List<String> terms(String q) {
    String text = text(q, "q");
    if (text == null || text.isBlank()) {
      return List.of();
    }
    if (text.length() > MAX_SEARCH_LENGTH) {
      throw invalid("q must be at most " + MAX_SEARCH_LENGTH + " characters");
    }
    List<String> terms = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '"') {
        quoted = !quoted;
        addTerm(terms, current);
      } else if (Character.isWhitespace(c) && !quoted) {
        addTerm(terms, current);
      } else {
        current.append(c);
      }
    }
    addTerm(terms, current);
    if (terms.isEmpty()) {
      return List.of();
    }
    if (terms.size() > MAX_TERMS) {
      throw invalid("q may hold at most " + MAX_TERMS + " terms");
    }
    for (String term : terms) {
      if (term.length() < MIN_TERM) {
        throw invalid(
            "each term of q must be at least " + MIN_TERM + " characters ('" + term + "' is not)");
      }
      if (term.length() > MAX_TERM) {
        throw invalid("each term of q must be at most " + MAX_TERM + " characters");
      }
    }
    return List.copyOf(new LinkedHashSet<>(terms));
  }

  private static void addTerm(List<String> terms, StringBuilder current) {
    String term = current.toString().strip().toLowerCase(Locale.ROOT);
    if (!term.isEmpty()) {
      terms.add(term);
    }
    current.setLength(0);
  }

  private static Map<String, String> metadata(List<String> conditions) {
    Map<String, String> result = new LinkedHashMap<>();
    for (String condition : conditions == null ? List.<String>of() : conditions) {
      text(condition, "metadata");
      int colon = condition.indexOf(':');
      if (colon <= 0) {
        throw invalid("metadata conditions are written key:value ('" + shorten(condition) + "')");
      }
      String key = condition.substring(0, colon);
      String value = condition.substring(colon + 1);
      if (key.length() > MAX_METADATA_KEY || value.length() > MAX_METADATA_VALUE) {
        throw invalid(
            "a metadata key is at most "
                + MAX_METADATA_KEY
                + " characters and a value at most "
                + MAX_METADATA_VALUE);
      }
      if (result.containsKey(key) && !result.get(key).equals(value)) {
        throw invalid("metadata key '" + shorten(key) + "' is given two different values");
      }
      result.put(key, value);
    }
    if (result.size() > MAX_METADATA_CONDITIONS) {
      throw invalid("at most " + MAX_METADATA_CONDITIONS + " metadata conditions");
    }
    return result;
  }

  private static List<String> items(List<String> values) {
    List<String> items = new ArrayList<>();
    for (String value : values == null ? List.<String>of() : values) {
      if (value == null) {
        continue;
      }
      text(value, "filter");
      for (String item : value.split(",")) {
        if (!item.isBlank()) {
          items.add(item.strip());
        }
      }
    }
    return items;
  }

  private static <E extends Enum<E>> Set<E> enums(List<String> values, Class<E> type, String name) {
    Set<E> result = EnumSet.noneOf(type);
    for (String item : items(values)) {
      try {
        result.add(Enum.valueOf(type, item.toUpperCase(Locale.ROOT)));
      } catch (IllegalArgumentException e) {
        throw invalid(name + " '" + shorten(item) + "' is not one of " + EnumSet.allOf(type));
      }
    }
    return result;
  }

  private static Boolean bool(String value, String name) {
    if (value == null || value.isBlank()) {
      return null;
    }
    return switch (value.strip().toLowerCase(Locale.ROOT)) {
      case "true" -> Boolean.TRUE;
      case "false" -> Boolean.FALSE;
      default -> throw invalid(name + " must be true or false");
    };
  }

  private static Instant instant(String value, String name) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return InputLimits.instant(Instant.parse(value.strip()), name);
    } catch (DateTimeParseException e) {
      throw invalid(name + " must be an ISO-8601 instant such as 2026-01-31T00:00:00Z");
    }
  }

  private static String text(String value, String name) {
    return InputLimits.text(value, name);
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }

  private static String shorten(String value) {
    return value.length() <= 40 ? value : value.substring(0, 40) + "...";
  }

  private static ProblemException invalid(String detail) {
    return new ProblemException(ProblemType.INVALID_REQUEST, detail);
  }
}
