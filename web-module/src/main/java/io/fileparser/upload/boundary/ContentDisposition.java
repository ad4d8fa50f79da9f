package io.fileparser.upload.boundary;

import io.fileparser.problem.ProblemException;
import io.fileparser.problem.ProblemType;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Reads the file name from a {@code Content-Disposition} header (RFC 6266), preferring the RFC 8187
 * {@code filename*=UTF-8''...} form over the plain {@code filename="..."} one.
 */
final class ContentDisposition {

  private ContentDisposition() {}

  static String filename(String header) {
    if (header == null || header.isBlank()) {
      throw missing();
    }
    String plain = null;
    String extended = null;
    for (String param : splitParams(header)) {
      int eq = param.indexOf('=');
      if (eq < 0) {
        continue;
      }
      String name = param.substring(0, eq).strip().toLowerCase(Locale.ROOT);
      String value = param.substring(eq + 1).strip();
      if (name.equals("filename*")) {
        extended = decodeExtended(value);
      } else if (name.equals("filename")) {
        plain = unquote(value);
      }
    }
    String result = extended != null ? extended : plain;
    if (result == null) {
      throw missing();
    }
    return result;
  }

  private static java.util.List<String> splitParams(String header) {
    java.util.List<String> params = new java.util.ArrayList<>();
    StringBuilder current = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < header.length(); i++) {
      char c = header.charAt(i);
      if (c == '"' && (i == 0 || header.charAt(i - 1) != '\\')) {
        quoted = !quoted;
      }
      if (c == ';' && !quoted) {
        params.add(current.toString());
        current.setLength(0);
      } else {
        current.append(c);
      }
    }
    params.add(current.toString());
    return params;
  }

  private static String unquote(String value) {
    if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
      return value.substring(1, value.length() - 1).replace("\\\"", "\"").replace("\\\\", "\\");
    }
    return value;
  }

  private static String decodeExtended(String value) {
    int first = value.indexOf('\'');
    int second = first < 0 ? -1 : value.indexOf('\'', first + 1);
    if (second < 0 || !value.substring(0, first).equalsIgnoreCase("UTF-8")) {
      throw new ProblemException(
          ProblemType.INVALID_FILENAME, "filename* must be UTF-8''<percent-encoded name>");
    }
    try {
      return URLDecoder.decode(
          value.substring(second + 1).replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new ProblemException(ProblemType.INVALID_FILENAME, "filename* is not percent-encoded");
    }
  }

  private static ProblemException missing() {
    return new ProblemException(
        ProblemType.INVALID_REQUEST,
        "a raw upload needs Content-Disposition: attachment; filename=\"...\"");
  }
}
