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
import java.util.OptionalInt;
import java.util.regex.Pattern;

/**
 * Validates the options that come with an upload, whichever transport carried them (form fields of
 * a multipart body, or query parameters of a raw one).
 */
public final class UploadParameters {

  static final int MAX_METADATA_CHARS = 16 * 1024;
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
    String template = templateId(templateId);
    Integer version = templateVersion(templateVersion);
    if (version != null && template == null) {
      throw invalid("templateVersion needs a templateId");
    }
    return new UploadOptions(
        priority(priority), template, metadata(metadata), queuePriority(queuePriority), version);
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
