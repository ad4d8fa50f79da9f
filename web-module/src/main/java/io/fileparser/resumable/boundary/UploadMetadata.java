package io.fileparser.resumable.boundary;

import io.fileparser.problem.ProblemException;
import io.fileparser.problem.ProblemType;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code Upload-Metadata} (tus 1.0.0 creation): comma-separated pairs of a key and its value in
 * base64, separated by a space; keys unique, non-empty, without spaces or commas; a value may be
 * empty and then its space may be left out. Values are read as UTF-8.
 */
final class UploadMetadata {

  /** The longest header we keep (HEAD answers it back as it came). */
  static final int MAX_LENGTH = 8192;

  private UploadMetadata() {}

  /**
   * The pairs in the order sent; empty when the header is absent.
   *
   * @throws ProblemException {@code invalid_request} for a header that breaks the rules above
   */
  static Map<String, String> parse(String header) {
    if (header == null) {
      return Map.of();
    }
    if (header.length() > MAX_LENGTH) {
      throw invalid("Upload-Metadata may have at most " + MAX_LENGTH + " characters");
    }
    Map<String, String> pairs = new LinkedHashMap<>();
    if (header.isBlank()) {
      return pairs;
    }
    for (String pair : header.split(",", -1)) {
      String[] parts = pair.strip().split(" ", -1);
      if (parts.length > 2 || parts[0].isEmpty()) {
        throw invalid("each Upload-Metadata pair is a key, a space and a base64 value");
      }
      String key = parts[0];
      if (!key.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
        throw invalid("an Upload-Metadata key is visible ASCII without spaces or commas");
      }
      String value = parts.length == 2 ? decode(key, parts[1]) : "";
      if (pairs.put(key, value) != null) {
        throw invalid("the Upload-Metadata key '" + key + "' appears more than once");
      }
    }
    return Collections.unmodifiableMap(pairs);
  }

  /** The first of {@code keys} present with a non-empty value, or null. */
  static String first(Map<String, String> pairs, String... keys) {
    for (String key : keys) {
      String value = pairs.get(key);
      if (value != null && !value.isEmpty()) {
        return value;
      }
    }
    return null;
  }

  private static String decode(String key, String base64) {
    try {
      byte[] bytes = Base64.getDecoder().decode(base64);
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (IllegalArgumentException e) {
      throw invalid("the Upload-Metadata value of '" + key + "' is not base64");
    } catch (CharacterCodingException e) {
      throw invalid("the Upload-Metadata value of '" + key + "' is not UTF-8 text");
    }
  }

  private static ProblemException invalid(String detail) {
    return new ProblemException(ProblemType.INVALID_REQUEST, detail);
  }
}
