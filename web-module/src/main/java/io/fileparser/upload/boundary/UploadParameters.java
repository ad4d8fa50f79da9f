package io.fileparser.upload.boundary;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import io.fileparser.api.ObjectMapperResolver;
import io.fileparser.problem.InputLimits;
import io.fileparser.problem.ProblemException;
import io.fileparser.problem.ProblemType;
import io.fileparser.upload.UploadOptions;
import io.fileparser.workflow.WorkflowOptions;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Validates the options that come with an upload, whichever transport carried them (form fields of
 * a multipart body, or query parameters of a raw one).
 */
public final class UploadParameters {

  static final int MAX_METADATA_CHARS = 16 * 1024;

  /**
   * The most ids dependsOn may hold here, whatever the configured limit (checked by the service):
   * bounds the work of parsing them.
   */
  static final int MAX_DEPENDENCY_IDS = 1000;

  private static final Pattern TEMPLATE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");
  private static final Pattern IDEMPOTENCY_KEY = Pattern.compile("[\\x21-\\x7e]{1,255}");

  private UploadParameters() {}

  static UploadOptions options(String priority, String templateId, String metadata) {
    return options(priority, templateId, metadata, null);
  }

  /**
   * With an admin's queue priority override (kombu's 0 = served first .. 9). Every upload transport
   * reads its options here, so they are held to the same rules.
   */
  public static UploadOptions options(
      String priority, String templateId, String metadata, String queuePriority) {
    return options(priority, templateId, metadata, queuePriority, null);
  }

  /** With a template version to pin (only with a template). */
  static UploadOptions options(
      String priority,
      String templateId,
      String metadata,
      String queuePriority,
      String templateVersion) {
    return options(
        priority, templateId, metadata, queuePriority, templateVersion, null, null, null);
  }

  /**
   * With the jobs the new job waits for ({@code dependsOn}: comma-separated ids or a JSON array of
   * them, repeats ignored), what a dependency that does not complete does ({@code
   * onDependencyFailure}: {@code fail} or {@code continue}, only with dependsOn) and the instant it
   * may start at ({@code scheduleAt}, RFC 3339 with an offset or {@code Z}).
   */
  public static UploadOptions options(
      String priority,
      String templateId,
      String metadata,
      String queuePriority,
      String templateVersion,
      String dependsOn,
      String onDependencyFailure,
      String scheduleAt) {
    String template = templateId(templateId);
    Integer version = templateVersion(templateVersion);
    if (version != null && template == null) {
      throw invalid("templateVersion needs a templateId");
    }
    return new UploadOptions(
        priority(priority),
        template,
        metadata(metadata),
        queuePriority(queuePriority),
        version,
        workflow(dependsOn, onDependencyFailure, scheduleAt));
  }

  /** RFC 7240's request header of preferences. */
  public static final String PREFER = "Prefer";

  /** RFC 7240's answer header naming the preferences applied. */
  static final String PREFERENCE_APPLIED = "Preference-Applied";

  /** The preference not to wait for the virus scanner's verdict. */
  static final String RESPOND_ASYNC = "respond-async";

  /**
   * Whether the client prefers not to wait for work the answer may leave running (RFC 7240 {@code
   * Prefer: respond-async}, among other preferences, any case, with or without parameters).
   */
  public static boolean respondAsync(List<String> preferHeaders) {
    if (preferHeaders == null) {
      return false;
    }
    for (String header : preferHeaders) {
      for (String preference : header.split(",")) {
        String token = preference.split(";", 2)[0].split("=", 2)[0].strip();
        if (token.equalsIgnoreCase(RESPOND_ASYNC)) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * Says {@code Preference-Applied: respond-async} on an upload's answer when the client preferred
   * it ({@link #respondAsync}) and the answer did not wait for the virus scanner's verdict. RFC
   * 7240 names only the preferences applied: a file under 1 MiB always waits for its verdict, and
   * an answer past the configured wait without the preference applied none.
   */
  public static Response.ResponseBuilder preferenceApplied(
      Response.ResponseBuilder response, boolean respondAsync, boolean answeredEarly) {
    if (respondAsync && answeredEarly) {
      response.header(PREFERENCE_APPLIED, RESPOND_ASYNC);
    }
    return response;
  }

  static WorkflowOptions workflow(String dependsOn, String onDependencyFailure, String scheduleAt) {
    List<UUID> ids = dependsOn(dependsOn);
    WorkflowOptions.OnDependencyFailure policy = WorkflowOptions.OnDependencyFailure.FAIL;
    if (onDependencyFailure != null && !onDependencyFailure.isBlank()) {
      if (ids.isEmpty()) {
        throw invalid("onDependencyFailure applies only with dependsOn");
      }
      policy =
          switch (onDependencyFailure.strip().toLowerCase(Locale.ROOT)) {
            case "fail" -> WorkflowOptions.OnDependencyFailure.FAIL;
            case "continue" -> WorkflowOptions.OnDependencyFailure.CONTINUE;
            default -> throw invalid("onDependencyFailure must be 'fail' or 'continue'");
          };
    }
    return new WorkflowOptions(ids, policy, scheduleAt(scheduleAt));
  }

  private static List<UUID> dependsOn(String value) {
    if (value == null || value.isBlank()) {
      return List.of();
    }
    List<String> items = new ArrayList<>();
    String text = value.strip();
    if (text.startsWith("[")) {
      try {
        JsonNode node =
            ObjectMapperResolver.mapper()
                .reader()
                .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .readTree(text);
        for (JsonNode item : node) {
          if (!item.isTextual()) {
            throw invalid("dependsOn must be a JSON array of job ids (strings)");
          }
          items.add(item.asText());
        }
      } catch (JsonProcessingException e) {
        throw invalid("dependsOn is not a valid JSON array of job ids");
      }
    } else {
      items.addAll(List.of(text.split(",", -1)));
    }
    if (items.size() > MAX_DEPENDENCY_IDS) {
      throw invalid("dependsOn may name at most " + MAX_DEPENDENCY_IDS + " ids");
    }
    Set<UUID> ids = new LinkedHashSet<>();
    for (String item : items) {
      ids.add(jobId(item.strip()));
    }
    return List.copyOf(ids);
  }

  private static UUID jobId(String text) {
    // UUID.fromString accepts short groups ("1-1-1-1-1"); a job id is always the canonical form.
    if (!text.matches(
        "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")) {
      throw invalid(
          "dependsOn must hold job ids (UUIDs); '"
              + (text.length() > 40 ? text.substring(0, 40) + "..." : text)
              + "' is not one");
    }
    return UUID.fromString(text);
  }

  private static Instant scheduleAt(String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      Instant at =
          OffsetDateTime.parse(value.strip(), DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
      return InputLimits.instant(at, "scheduleAt");
    } catch (DateTimeParseException e) {
      throw invalid(
          "scheduleAt must be an RFC 3339 instant with its offset, such as"
              + " 2026-12-01T08:00:00Z");
    }
  }

  private static Integer templateVersion(String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    OptionalInt v = InputLimits.wholeNumber(value);
    if (v.isPresent() && v.getAsInt() >= 1) {
      return v.getAsInt();
    }
    throw invalid("templateVersion must be a whole number from 1");
  }

  private static Integer queuePriority(String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    OptionalInt p = InputLimits.wholeNumber(value);
    if (p.isPresent() && p.getAsInt() >= 0 && p.getAsInt() <= 9) {
      return p.getAsInt();
    }
    throw invalid("queuePriority must be an integer from 0 (served first) to 9");
  }

  static String idempotencyKey(String key) {
    if (key == null) {
      return null;
    }
    if (!IDEMPOTENCY_KEY.matcher(key).matches()) {
      throw invalid("Idempotency-Key must be 1-255 visible ASCII characters");
    }
    return key;
  }

  private static int priority(String value) {
    if (value == null || value.isBlank()) {
      return UploadOptions.DEFAULT_PRIORITY;
    }
    OptionalInt p = InputLimits.wholeNumber(value);
    if (p.isPresent() && p.getAsInt() >= 0 && p.getAsInt() <= 9) {
      return p.getAsInt();
    }
    throw invalid("priority must be an integer from 0 (lowest) to 9 (most urgent)");
  }

  private static String templateId(String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    if (!TEMPLATE_ID.matcher(value.strip()).matches()) {
      throw invalid("templateId must be 1-100 letters, digits, '.', '_' or '-'");
    }
    return value.strip();
  }

  private static String metadata(String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    if (value.length() > MAX_METADATA_CHARS) {
      throw invalid("metadata must be at most " + MAX_METADATA_CHARS + " characters");
    }
    try {
      JsonNode node =
          ObjectMapperResolver.mapper()
              .reader()
              .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
              .readTree(value);
      if (node == null || !node.isObject()) {
        throw invalid("metadata must be a JSON object");
      }
      return ObjectMapperResolver.mapper().writeValueAsString(node);
    } catch (JsonProcessingException e) {
      // Not the parser's message: it names Java types (content after the object, for one).
      JsonLocation at = e.getLocation();
      throw invalid(
          "metadata is not one valid JSON object"
              + (at != null && at.getColumnNr() > 0
                  ? " (at character " + at.getColumnNr() + ")"
                  : ""));
    }
  }

  private static ProblemException invalid(String detail) {
    return new ProblemException(ProblemType.INVALID_REQUEST, detail);
  }
}
