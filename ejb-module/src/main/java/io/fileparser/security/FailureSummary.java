package io.fileparser.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The authentication failures of one window that one audit trail records: a tenant's (failures
 * claiming that tenant) or the platform's ({@code tenantId} null: the rest). Counts by reason in
 * full; by source address, key prefix and (the platform's) claimed tenant that does not exist, the
 * most frequent few, with how many others were left out, so the record stays within the audit log's
 * 4000 characters of details whatever a flood brings.
 *
 * @param first the first failure's time, or the window's start if unknown
 * @param last the last failure's time, or the window's end if unknown
 */
public record FailureSummary(
    String tenantId,
    Instant windowStart,
    Instant windowEnd,
    Instant first,
    Instant last,
    long total,
    Map<String, Long> byReason,
    Map<String, Long> bySource,
    Map<String, Long> byKeyPrefix,
    Map<String, Long> byUnknownTenant) {

  /** How many of each list a record names at most. */
  static final int LIST_LIMIT = 10;

  /** The audit log's {@code details} column. */
  static final int MAX_DETAILS = 4000;

  private static final ObjectMapper JSON = new ObjectMapper();

  /** The audit record's target id: the window as an ISO-8601 interval. */
  public String targetId() {
    return windowStart + "/" + windowEnd;
  }

  /**
   * The audit record's details: JSON of the window, the first and last failure, the total, the
   * counts by reason, and the most frequent sources, key prefixes and unknown claimed tenants (at
   * most {@value #LIST_LIMIT} each, fewer if the text would pass {@value #MAX_DETAILS} characters)
   * with the number of failures of those left out.
   */
  public String details() {
    for (int limit = LIST_LIMIT; ; limit = limit / 2) {
      String text = details(limit);
      if (text.length() <= MAX_DETAILS || limit == 0) {
        return text;
      }
    }
  }

  private String details(int limit) {
    ObjectNode details = JSON.createObjectNode();
    details.put("windowStart", windowStart.toString());
    details.put("windowEnd", windowEnd.toString());
    details.put("first", first.toString());
    details.put("last", last.toString());
    details.put("failures", total);
    ObjectNode reasons = details.putObject("byReason");
    byReason.forEach(reasons::put);
    top(details, "bySource", "otherSources", bySource, limit);
    top(details, "byKeyPrefix", "otherKeyPrefixes", byKeyPrefix, limit);
    if (tenantId == null) {
      top(details, "byUnknownTenant", "otherUnknownTenants", byUnknownTenant, limit);
    }
    return details.toString();
  }

  /** The {@code limit} largest counts (ties by name), and the failures of the rest. */
  private static void top(
      ObjectNode details, String name, String others, Map<String, Long> counts, int limit) {
    List<Map.Entry<String, Long>> sorted =
        counts.entrySet().stream()
            .sorted(
                Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())
                    .thenComparing(Map.Entry.comparingByKey()))
            .toList();
    ObjectNode shown = details.putObject(name);
    long left = 0;
    for (int i = 0; i < sorted.size(); i++) {
      if (i < limit) {
        shown.put(sorted.get(i).getKey(), sorted.get(i).getValue());
      } else {
        left += sorted.get(i).getValue();
      }
    }
    details.put(others, left);
  }

  static Builder builder(String tenantId, Instant windowStart, Instant windowEnd) {
    return new Builder(tenantId, windowStart, windowEnd);
  }

  /** Adds up one trail's counts. */
  static final class Builder {
    private final String tenantId;
    private final Instant windowStart;
    private final Instant windowEnd;
    private Long first;
    private Long last;
    private long total;
    private final Map<String, Long> byReason = new TreeMap<>();
    private final Map<String, Long> bySource = new HashMap<>();
    private final Map<String, Long> byKeyPrefix = new HashMap<>();
    private final Map<String, Long> byUnknownTenant = new HashMap<>();

    private Builder(String tenantId, Instant windowStart, Instant windowEnd) {
      this.tenantId = tenantId;
      this.windowStart = windowStart;
      this.windowEnd = windowEnd;
    }

    /** {@code n} failures; empty source, prefix or tenant: not known. */
    void add(String reason, String source, String keyPrefix, String unknownTenant, long n) {
      total += n;
      byReason.merge(reason, n, Long::sum);
      if (!source.isEmpty()) {
        bySource.merge(source, n, Long::sum);
      }
      if (!keyPrefix.isEmpty()) {
        byKeyPrefix.merge(keyPrefix, n, Long::sum);
      }
      if (unknownTenant != null && !unknownTenant.isEmpty()) {
        byUnknownTenant.merge(unknownTenant, n, Long::sum);
      }
    }

    /** Widens the first and last failure's times (epoch milliseconds; null: not known). */
    void seen(Long firstMillis, Long lastMillis) {
      if (firstMillis != null && (first == null || firstMillis < first)) {
        first = firstMillis;
      }
      if (lastMillis != null && (last == null || lastMillis > last)) {
        last = lastMillis;
      }
    }

    long total() {
      return total;
    }

    FailureSummary build() {
      return new FailureSummary(
          tenantId,
          windowStart,
          windowEnd,
          first == null ? windowStart : Instant.ofEpochMilli(first),
          last == null ? windowEnd : Instant.ofEpochMilli(last),
          total,
          Collections.unmodifiableMap(new TreeMap<>(byReason)),
          Map.copyOf(bySource),
          Map.copyOf(byKeyPrefix),
          Map.copyOf(byUnknownTenant));
    }
  }
}
