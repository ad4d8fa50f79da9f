package io.fileparser.usage;

import io.fileparser.ratelimit.EndpointClass;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;

/**
 * A count of one tenant's API calls of one endpoint class on one UTC day, as Redis holds it: live
 * under a key ending {@code <tenant>:<day>:<class>}, or moved by fold round {@code seq} into the
 * pending hash under the field {@code <seq>|<tenant>:<day>:<class>}. Tenant ids hold no {@code :}
 * or {@code |}, and no glob characters.
 *
 * @param seq the fold round that moved it, 0 while live
 */
public record ApiCallCount(
    long seq, String tenantId, LocalDate day, EndpointClass endpointClass, long value) {

  /** The key suffix of a tenant's day and class. */
  static String suffix(String tenantId, LocalDate day, EndpointClass endpointClass) {
    return tenantId + ":" + day + ":" + endpointClass.policyName();
  }

  /** The pending hash's field for this count. */
  String field() {
    return seq + "|" + suffix(tenantId, day, endpointClass);
  }

  public UsageMetric metric() {
    return UsageMetric.apiCalls(endpointClass);
  }

  /** A live count from its key suffix; empty for a key of another shape. */
  static Optional<ApiCallCount> live(String suffix, String value) {
    return parse(0, suffix, value);
  }

  /** A moved count from its pending field; empty for a field of another shape. */
  static Optional<ApiCallCount> pending(String field, String value) {
    int bar = field.indexOf('|');
    if (bar <= 0) {
      return Optional.empty();
    }
    try {
      long seq = Long.parseLong(field.substring(0, bar));
      return seq > 0 ? parse(seq, field.substring(bar + 1), value) : Optional.empty();
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  private static Optional<ApiCallCount> parse(long seq, String suffix, String value) {
    String[] parts = suffix.split(":", -1);
    if (parts.length != 3 || parts[0].isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(
          new ApiCallCount(
              seq,
              parts[0],
              LocalDate.parse(parts[1]),
              EndpointClass.valueOf(parts[2].toUpperCase(Locale.ROOT)),
              Long.parseLong(value)));
    } catch (DateTimeParseException | IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
