package io.fileparser.templates;

import io.fileparser.jobs.Cursor;
import io.fileparser.jobs.PageLimit;
import io.fileparser.problem.ProblemException;
import io.fileparser.problem.ProblemType;
import io.fileparser.templates.entity.TemplateState;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Filters and paging of the template list, oldest first. Empty {@code formats} means any; {@code
 * states} defaults to {@code ACTIVE}. The list holds the tenant's templates and the system ones.
 */
public record TemplateQuery(
    Set<String> formats, Set<TemplateState> states, int limit, Cursor after) {

  public static final int DEFAULT_LIMIT = 50;
  public static final int MAX_LIMIT = 200;

  public TemplateQuery {
    formats = Set.copyOf(formats);
    states = states.isEmpty() ? EnumSet.of(TemplateState.ACTIVE) : EnumSet.copyOf(states);
  }

  /**
   * @throws ProblemException {@code invalid_request} or {@code invalid_cursor}
   */
  public static TemplateQuery parse(
      List<String> formats, List<String> states, String limit, String cursor) {
    Set<String> wanted = new TreeSet<>();
    for (String item : items(formats)) {
      String format = item.toUpperCase(Locale.ROOT);
      if (!TemplateDocument.FORMATS.contains(format)) {
        throw invalid("format '" + item + "' is not one of " + TemplateDocument.FORMATS);
      }
      wanted.add(format);
    }
    Set<TemplateState> inStates = EnumSet.noneOf(TemplateState.class);
    for (String item : items(states)) {
      try {
        inStates.add(TemplateState.valueOf(item.toUpperCase(Locale.ROOT)));
      } catch (IllegalArgumentException e) {
        throw invalid("state '" + item + "' is not one of " + EnumSet.allOf(TemplateState.class));
      }
    }
    return new TemplateQuery(
        wanted,
        inStates,
        PageLimit.parse(limit == null ? Integer.toString(DEFAULT_LIMIT) : limit, MAX_LIMIT),
        cursor == null || cursor.isBlank() ? null : Cursor.decode(cursor));
  }

  private static List<String> items(List<String> values) {
    return (values == null ? List.<String>of() : values)
        .stream()
            .flatMap(v -> java.util.Arrays.stream(v.split(",")))
            .map(String::strip)
            .filter(s -> !s.isEmpty())
            .toList();
  }

  private static ProblemException invalid(String detail) {
    return new ProblemException(ProblemType.INVALID_REQUEST, detail);
  }
}
