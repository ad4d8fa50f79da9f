package io.fileparser.tenants;

import io.fileparser.problem.KnownMembers;
import io.fileparser.problem.ProblemException;
import io.fileparser.problem.ProblemType;
import io.fileparser.ratelimit.RatePolicies;
import io.fileparser.security.entity.ScanPolicy;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The settings a request gives for a tenant, read as a JSON merge patch (RFC 7396): a member that
 * is absent stays as it is; {@code limits.concurrentUploads: null} or {@code limits.jobsInFlight:
 * null} goes back to the tier's limit ({@code limits: null}: both). Every other member must hold a
 * value of its kind; anything else is 422 {@code invalid_tenant_setting} naming the {@code field},
 * so a typo never passes unnoticed.
 *
 * @param tier null: unchanged
 * @param enabled null: unchanged
 * @param scanPolicy null: unchanged
 * @param allowPdfActiveContent null: unchanged
 * @param concurrentUploadsGiven whether {@code concurrentUploads} is to be set (null: the tier's)
 * @param jobsInFlightGiven whether {@code jobsInFlight} is to be set (null: the tier's)
 */
public record TenantSettings(
    String tier,
    Boolean enabled,
    ScanPolicy scanPolicy,
    Boolean allowPdfActiveContent,
    boolean concurrentUploadsGiven,
    Integer concurrentUploads,
    boolean jobsInFlightGiven,
    Integer jobsInFlight) {

  static final int MAX_CONCURRENT_UPLOADS = 10_000;
  static final int MAX_JOBS_IN_FLIGHT = 10_000;

  private static final Set<String> MEMBERS =
      Set.of("tier", "enabled", "scanPolicy", "allowPdfActiveContent", "limits");

  /**
   * @param others members the request may carry besides the settings (read by the caller)
   * @throws ProblemException {@code malformed_json} for an unknown member (naming it), {@code
   *     invalid_tenant_setting} for a bad value
   */
  public static TenantSettings parse(Map<String, ?> body, Set<String> others) {
    Set<String> known = new HashSet<>(MEMBERS);
    known.addAll(others);
    // a member the request does not define is malformed, as for every request body
    KnownMembers.require(body.keySet(), known, "");
    String tier = null;
    if (body.containsKey("tier")) {
      if (!(body.get("tier") instanceof String s) || !RatePolicies.tiers().contains(s)) {
        throw invalid("tier", "one of " + String.join(", ", sorted(RatePolicies.tiers())));
      }
      tier = s;
    }
    ScanPolicy scanPolicy = null;
    if (body.containsKey("scanPolicy")) {
      if (!(body.get("scanPolicy") instanceof String s)
          || !(s.equals("reject") || s.equals("quarantine"))) {
        throw invalid("scanPolicy", "reject or quarantine");
      }
      scanPolicy = ScanPolicy.valueOf(s.toUpperCase(Locale.ROOT));
    }
    Boolean enabled = flag(body, "enabled");
    Boolean allowPdfActiveContent = flag(body, "allowPdfActiveContent");
    boolean concurrentUploadsGiven = false;
    Integer concurrentUploads = null;
    boolean jobsInFlightGiven = false;
    Integer jobsInFlight = null;
    if (body.containsKey("limits")) {
      Object limits = body.get("limits");
      if (limits == null) {
        concurrentUploadsGiven = true;
        jobsInFlightGiven = true;
      } else if (limits instanceof Map<?, ?> map) {
        KnownMembers.require(
            map.keySet().stream().map(String::valueOf).toList(),
            Set.of("concurrentUploads", "jobsInFlight"),
            "limits.");
        if (map.containsKey("concurrentUploads")) {
          concurrentUploadsGiven = true;
          concurrentUploads = limit(map, "concurrentUploads", MAX_CONCURRENT_UPLOADS);
        }
        if (map.containsKey("jobsInFlight")) {
          jobsInFlightGiven = true;
          jobsInFlight = limit(map, "jobsInFlight", MAX_JOBS_IN_FLIGHT);
        }
      } else {
        throw invalid("limits", "an object such as {\"concurrentUploads\": 5}");
      }
    }
    return new TenantSettings(
        tier,
        enabled,
        scanPolicy,
        allowPdfActiveContent,
        concurrentUploadsGiven,
        concurrentUploads,
        jobsInFlightGiven,
        jobsInFlight);
  }

  /** A limit's value: null (the tier's) or a whole number from 1 to {@code max}. */
  private static Integer limit(Map<?, ?> limits, String name, int max) {
    Object value = limits.get(name);
    if (value == null) {
      return null;
    }
    if (!(value instanceof Integer n) || n < 1 || n > max) {
      throw invalid(
          "limits." + name, "a whole number from 1 to " + max + ", or null for the tier's");
    }
    return n;
  }

  private static Boolean flag(Map<String, ?> body, String name) {
    if (!body.containsKey(name)) {
      return null;
    }
    if (!(body.get(name) instanceof Boolean b)) {
      throw invalid(name, "true or false");
    }
    return b;
  }

  private static ProblemException invalid(String field, String expected) {
    return new ProblemException(
        ProblemType.INVALID_TENANT_SETTING, field + ": " + expected, Map.of("field", field));
  }

  private static java.util.List<String> sorted(Set<String> names) {
    return names.stream().sorted().toList();
  }
}
