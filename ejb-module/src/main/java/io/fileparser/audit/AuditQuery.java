package io.fileparser.audit;

import io.fileparser.problem.InputLimits;
import io.fileparser.problem.ProblemException;
import io.fileparser.problem.ProblemType;
import io.fileparser.tenancy.TenantId;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.OptionalInt;
import java.util.regex.Pattern;

/**
 * Filters and paging of the audit list. Null filters mean "any"; {@code from} is inclusive and
 * {@code to} exclusive. Actions and target types are dotted lower-case names ({@code
 * api_key.created}, {@code bulk_operation}), so anything else is refused rather than searched for;
 * actors and target ids are any text up to their column's length, matched exactly.
 */
public record AuditQuery(
    String tenantId,
    String action,
    String actor,
    String targetType,
    String targetId,
    Instant from,
    Instant to,
    int limit,
    AuditCursor cursor) {

  public static final int DEFAULT_LIMIT = 50;
  public static final int MAX_LIMIT = 200;

  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)*");

  /**
   * Reads the list's query parameters as a client sent them.
   *
   * @throws ProblemException {@code invalid_request} naming the parameter, or {@code
   *     invalid_cursor}
   */
  public static AuditQuery parse(
      String tenantId,
      String action,
      String actor,
      String targetType,
      String targetId,
      String from,
      String to,
      String limit,
      String cursor) {
    if (present(tenantId) && !TenantId.isValid(tenantId)) {
      throw invalid("tenantId is not a tenant id");
    }
    Instant start = instant(from, "from");
    Instant end = instant(to, "to");
    if (start != null && end != null && !start.isBefore(end)) {
      throw invalid("from must be before to");
    }
    return new AuditQuery(
        present(tenantId) ? tenantId : null,
        name(action, "action"),
        text(actor, "actor", 200),
        name(targetType, "targetType"),
        text(targetId, "targetId", 200),
        start,
        end,
        limit(limit),
        present(cursor) ? AuditCursor.decode(cursor) : null);
  }

  private static boolean present(String value) {
    return value != null && !value.isEmpty();
  }

  private static String name(String value, String parameter) {
    if (!present(value)) {
      return null;
    }
    if (value.length() > 64 || !NAME.matcher(value).matches()) {
      throw invalid(parameter + " must be a dotted lower-case name such as api_key.created");
    }
    return value;
  }

  private static String text(String value, String parameter, int max) {
    if (!present(value)) {
      return null;
    }
    if (value.length() > max) {
      throw invalid(parameter + " must be at most " + max + " characters");
    }
    return InputLimits.text(value, parameter);
  }

  private static Instant instant(String value, String parameter) {
    if (!present(value)) {
      return null;
    }
    try {
      return InputLimits.instant(Instant.parse(value.strip()), parameter);
    } catch (DateTimeParseException e) {
      throw invalid(parameter + " must be an ISO-8601 instant such as 2026-01-31T00:00:00Z");
    }
  }

  private static int limit(String value) {
    if (value == null) {
      return DEFAULT_LIMIT;
    }
    OptionalInt limit = InputLimits.wholeNumber(value);
    if (limit.isEmpty() || limit.getAsInt() < 1 || limit.getAsInt() > MAX_LIMIT) {
      throw invalid("limit must be a whole number between 1 and " + MAX_LIMIT);
    }
    return limit.getAsInt();
  }

  private static ProblemException invalid(String detail) {
    return new ProblemException(ProblemType.INVALID_REQUEST, detail);
  }
}
