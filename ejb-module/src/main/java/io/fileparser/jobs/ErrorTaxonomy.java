package io.fileparser.jobs;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The documented error categories of a job's failure (README, "Errors of jobs"): for each the kind
 * of cause, whether the platform retries it by itself, and a remediation a user can act on when the
 * failure carries none of its own. A category not listed (an unexpected exception of a worker) is
 * of kind {@code internal}.
 */
public final class ErrorTaxonomy {

  /** Where a failure comes from, and so who can act on it. */
  public enum Kind {
    /** The file itself: fix or export it again, then upload. */
    FILE,
    /** The file's layout: map it or name a template. */
    LAYOUT,
    /** The upload was refused for safety (malware, unscannable). */
    SECURITY,
    /** A job it depends on. */
    WORKFLOW,
    /** The platform, passing (retried by itself). */
    PLATFORM,
    /** Unexpected: contact support with the job id. */
    INTERNAL;

    public String wireName() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** One category. */
  public record Category(String code, Kind kind, boolean retried, String remediation) {}

  private static final String RETRIED = "it is retried by itself; ";

  private static final Map<String, Category> CATEGORIES = new LinkedHashMap<>();

  static {
    add("BadFile", Kind.FILE, false, "the file could not be parsed; check it opens and re-upload");
    add(
        "UnsupportedLayout",
        Kind.LAYOUT,
        false,
        "the layout was not recognised; map its columns manually or name a template that reads it");
    add(
        "MappingRejected",
        Kind.LAYOUT,
        false,
        "the columns were not mapped; upload the file again naming a template that reads it");
    add(
        "malware_detected",
        Kind.SECURITY,
        false,
        "the file carries malware and is quarantined; clean the source and upload a new export");
    add(
        "scan_limit_exceeded",
        Kind.SECURITY,
        false,
        "the file is larger than the virus scanner accepts; split it and upload the parts");
    add(
        "dependency_failed",
        Kind.WORKFLOW,
        false,
        "retry the dependency and then this job, or upload again with onDependencyFailure=continue");
    add(
        "StorageUnavailable",
        Kind.PLATFORM,
        true,
        RETRIED + "if it keeps failing, upload the file again");
    add("WorkerLost", Kind.PLATFORM, true, RETRIED + "the parser process stopped");
    add("WorkerLostError", Kind.PLATFORM, true, RETRIED + "the parser process stopped");
    add(
        "TimeLimitExceeded",
        Kind.PLATFORM,
        true,
        "parsing took too long; split the file or contact support");
    add(
        "SoftTimeLimitExceeded",
        Kind.PLATFORM,
        true,
        "parsing took too long; split the file or contact support");
    add("ConnectionError", Kind.PLATFORM, true, RETRIED + "a service the parser needs was away");
    add("OperationalError", Kind.PLATFORM, true, RETRIED + "a service the parser needs was away");
    add("TimeoutError", Kind.PLATFORM, true, RETRIED + "a service the parser needs was slow");
    add(
        "UntrustedResult",
        Kind.PLATFORM,
        true,
        "the parser is misconfigured; the job is retried, contact support if it fails again");
  }

  private ErrorTaxonomy() {}

  private static void add(String code, Kind kind, boolean retried, String remediation) {
    CATEGORIES.put(code, new Category(code, kind, retried, remediation));
  }

  /** Every documented category, in the documented order. */
  public static Map<String, Category> categories() {
    return java.util.Collections.unmodifiableMap(CATEGORIES);
  }

  /** The category of {@code code}; an unknown one is internal and not retried. */
  public static Category of(String code) {
    Category known = code == null ? null : CATEGORIES.get(code);
    return known != null
        ? known
        : new Category(
            code == null ? "UnknownError" : code,
            Kind.INTERNAL,
            false,
            "an unexpected parser error; contact support with the job id");
  }
}
