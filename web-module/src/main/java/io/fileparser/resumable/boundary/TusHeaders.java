package io.fileparser.resumable.boundary;

import io.fileparser.problem.ProblemException;
import io.fileparser.problem.ProblemType;
import java.net.URI;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
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
  static final String UPLOAD_CONCAT = "Upload-Concat";
  static final String METHOD_OVERRIDE = "X-HTTP-Method-Override";
  static final String OFFSET_OCTET_STREAM = "application/offset+octet-stream";

  static final String EXTENSIONS =
      "creation,creation-with-upload,creation-defer-length,termination,checksum,expiration,"
          + "concatenation,concatenation-unfinished";

  /**
   * What {@code Upload-Concat} asks for at creation (tus concatenation).
   *
   * @param partials empty for a partial upload; for a final upload, the ids of the partials it
   *     joins, in order
   */
  record Concat(boolean isFinal, List<UUID> partials) {
    static final Concat PARTIAL = new Concat(false, List.of());
  }

  private static final Pattern UPLOAD_PATH =
      Pattern.compile(".*/upload/stream/([0-9a-fA-F-]{36})/?");

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

  /**
   * Reads {@code Upload-Concat}: {@code partial}, or {@code final;} and the URLs of the partial
   * uploads separated by spaces (absolute, or paths of this server); null when absent.
   *
   * @throws ProblemException {@code invalid_request} for anything else, or a URL that is not one of
   *     our uploads
   */
  static Concat concat(String header) {
    if (header == null) {
      return null;
    }
    String value = header.strip();
    if (value.equals("partial")) {
      return Concat.PARTIAL;
    }
    if (!value.startsWith("final;")) {
      throw invalid("Upload-Concat is 'partial' or 'final;' and the partial uploads' URLs");
    }
    List<UUID> partials = new ArrayList<>();
    for (String url : value.substring("final;".length()).strip().split(" +")) {
      if (!url.isEmpty()) {
        partials.add(uploadId(url));
      }
    }
    if (partials.isEmpty()) {
      throw invalid("Upload-Concat: final names no partial upload");
    }
    return new Concat(true, List.copyOf(partials));
  }

  private static UUID uploadId(String url) {
    String path;
    try {
      path = URI.create(url).getPath();
    } catch (IllegalArgumentException e) {
      path = null;
    }
    Matcher matcher = path == null ? null : UPLOAD_PATH.matcher(path);
    if (matcher == null || !matcher.matches()) {
      throw invalid("'" + url + "' in Upload-Concat is not the URL of a resumable upload");
    }
    try {
      return UUID.fromString(matcher.group(1));
    } catch (IllegalArgumentException e) {
      throw invalid("'" + url + "' in Upload-Concat is not the URL of a resumable upload");
    }
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
