package io.fileparser.security;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * One closed window of authentication failures as {@link AuthFailureCounter} took it from Redis:
 * its counts by claimed tenant, reason, source and key prefix, and each claimed tenant's first and
 * last failure. Splits itself into the audit records it owes ({@link #summaries}): one for each
 * claimed tenant that exists, one for the platform holding the rest.
 *
 * @param member the window's name in Redis, {@code <startMs>:<lengthMs>}
 * @param fields the hash's fields and values, one after the other, as Redis gave them
 */
public record FailureWindow(String member, Instant start, Duration length, List<String> fields) {

  /**
   * Reads a window from its member and fields.
   *
   * @throws IllegalArgumentException for a member not of the form {@code <startMs>:<lengthMs>}
   */
  public static FailureWindow of(String member, List<String> fields) {
    String[] parts = member.split(":", -1);
    if (parts.length != 2) {
      throw new IllegalArgumentException("not a window: " + member);
    }
    long start = Long.parseLong(parts[0]);
    long length = Long.parseLong(parts[1]);
    return new FailureWindow(
        member, Instant.ofEpochMilli(start), Duration.ofMillis(length), List.copyOf(fields));
  }

  public Instant end() {
    return start.plus(length);
  }

  /** Every tenant id some failure claimed (existing or not). */
  public Set<String> claimedTenants() {
    Set<String> tenants = new TreeSet<>();
    for (Count count : counts()) {
      if (!count.tenant().isEmpty()) {
        tenants.add(count.tenant());
      }
    }
    return tenants;
  }

  /**
   * The audit records this window owes: one per tenant among {@code existing} that failures claimed
   * (in tenant order), then the platform's, holding failures that claim no tenant or one that does
   * not exist; none when nothing was counted.
   */
  public List<FailureSummary> summaries(Set<String> existing) {
    Map<String, FailureSummary.Builder> byTrail = new LinkedHashMap<>();
    for (String tenant : claimedTenants()) {
      if (existing.contains(tenant)) {
        byTrail.put(tenant, FailureSummary.builder(tenant, start, end()));
      }
    }
    FailureSummary.Builder platform = FailureSummary.builder(null, start, end());
    Map<String, Long> firsts = times("f|");
    Map<String, Long> lasts = times("l|");
    for (Count count : counts()) {
      FailureSummary.Builder trail = byTrail.getOrDefault(count.tenant(), platform);
      boolean unknownClaim = trail == platform && !count.tenant().isEmpty();
      trail.add(
          count.reason(),
          count.source(),
          count.keyPrefix(),
          unknownClaim ? count.tenant() : null,
          count.n());
      trail.seen(firsts.get(count.tenant()), lasts.get(count.tenant()));
    }
    List<FailureSummary> summaries = new ArrayList<>();
    byTrail.values().forEach(b -> summaries.add(b.build()));
    if (platform.total() > 0) {
      summaries.add(platform.build());
    }
    return summaries;
  }

  private record Count(String tenant, String reason, String source, String keyPrefix, long n) {}

  private List<Count> counts() {
    List<Count> counts = new ArrayList<>();
    for (int i = 0; i + 1 < fields.size(); i += 2) {
      String field = fields.get(i);
      if (!field.startsWith("c|")) {
        continue;
      }
      String[] parts = field.substring(2).split("\\|", -1);
      long n = number(fields.get(i + 1));
      if (parts.length == 4 && n > 0) {
        counts.add(new Count(parts[0], parts[1], parts[2], parts[3], n));
      }
    }
    return counts;
  }

  private Map<String, Long> times(String kind) {
    Map<String, Long> times = new LinkedHashMap<>();
    for (int i = 0; i + 1 < fields.size(); i += 2) {
      if (fields.get(i).startsWith(kind)) {
        times.put(fields.get(i).substring(kind.length()), number(fields.get(i + 1)));
      }
    }
    return times;
  }

  private static long number(String value) {
    try {
      return Long.parseLong(value);
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
