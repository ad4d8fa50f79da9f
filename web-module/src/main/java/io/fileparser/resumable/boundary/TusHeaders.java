package io.fileparser.resumable.boundary;

import io.fileparser.problem.ProblemException;
import io.fileparser.problem.ProblemType;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.regex.Pattern;

/** The tus 1.0.0 headers: names, the values we announce, and the rules for reading them. */
final class TusHeaders {

  static final String VERSION = "1.0.0";
  static final String TUS_RESUMABLE = "Tus-Resumable";
  static final String TUS_VERSION = "Tus-Version";
  static final String TUS_EXTENSION = "Tus-Extension";
  static final String TUS_MAX_SIZE = "Tus-Max-Size";
  static final String TUS_CHECKSUM_ALGORITHM = "Tus-Checksum-Algorithm";
  static final String UPLOAD_OFFSET = "Upload-Offset";
  static final String UPLOAD_LENGTH = "Upload-Length";
  static final String UPLOAD_DEFER_LENGTH = "Upload-Defer-Length";
  static final String UPLOAD_METADATA = "Upload-Metadata";
  static final String UPLOAD_CHECKSUM = "Upload-Checksum";
  static final String UPLOAD_EXPIRES = "Upload-Expires";
  static final String UPLOAD_JOB_ID = "Upload-Job-Id";
  static final String METHOD_OVERRIDE = "X-HTTP-Method-Override";
  static final String OFFSET_OCTET_STREAM = "application/offset+octet-stream";

  static final String EXTENSIONS =
      "creation,creation-with-upload,creation-defer-length,termination,checksum,expiration";

  private static final Pattern WHOLE_NUMBER = Pattern.compile("[0-9]{1,19}");

  private TusHeaders() {}

  /**
   * @throws ProblemException {@code tus_version_unsupported} (412) unless the client speaks 1.0.0
   */
  static void requireVersion(String tusResumable) {
    if (!VERSION.equals(tusResumable == null ? null : tusResumable.strip())) {
      throw new ProblemException(
          ProblemType.TUS_VERSION_UNSUPPORTED,
          tusResumable == null
              ? "send Tus-Resumable: " + VERSION + " with every request"
              : "tus version '"
                  + tusResumable
                  + "' is not supported; this server speaks "
                  + VERSION,
          Map.of("supported", VERSION));
    }
  }

  /**
   * A non-negative integer header; null when absent.
   *
   * @throws ProblemException {@code invalid_request} for anything else
   */
  static Long wholeNumber(String name, String value) {
    if (value == null) {
      return null;
    }
    String v = value.strip();
    if (!WHOLE_NUMBER.matcher(v).matches()) {
      throw invalid(name + " must be a non-negative integer");
    }
    try {
      return Long.parseLong(v);
    } catch (NumberFormatException e) {
      throw invalid(name + " is too large");
    }
  }

  /**
   * The length a creation declares: {@code Upload-Length}, or null with {@code Upload-Defer-Length:
   * 1}; exactly one of them.
   */
  static Long creationLength(String uploadLength, String deferLength) {
    Long length = wholeNumber(UPLOAD_LENGTH, uploadLength);
    if (deferLength != null) {
      if (!"1".equals(deferLength.strip())) {
        throw invalid("Upload-Defer-Length must be 1");
      }
      if (length != null) {
        throw invalid("send Upload-Length or Upload-Defer-Length, not both");
      }
      return null;
    }
    if (length == null) {
      throw invalid("send Upload-Length, or Upload-Defer-Length: 1 when the length is not known");
    }
    return length;
  }

  /** Whether a {@code Content-Type} is tus's chunk type (parameters ignored). */
  static boolean isChunk(String contentType) {
    if (contentType == null) {
      return false;
    }
    int semicolon = contentType.indexOf(';');
    String type = (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).strip();
    return type.equalsIgnoreCase(OFFSET_OCTET_STREAM);
  }

  /**
   * @throws ProblemException {@code unsupported_media_type} (415) for any other body type
   */
  static void requireChunk(String contentType) {
    if (!isChunk(contentType)) {
      throw new ProblemException(
          ProblemType.UNSUPPORTED_MEDIA_TYPE,
          "a chunk is sent as Content-Type: " + OFFSET_OCTET_STREAM);
    }
  }

  /** An HTTP date (RFC 9110 IMF-fixdate), as {@code Upload-Expires} wants it. */
  static String httpDate(Instant at) {
    return DateTimeFormatter.RFC_1123_DATE_TIME.format(at.atOffset(ZoneOffset.UTC));
  }

  private static ProblemException invalid(String detail) {
    return new ProblemException(ProblemType.INVALID_REQUEST, detail);
  }
}
