package io.fileparser.upload;

import io.fileparser.problem.ProblemException;
import io.fileparser.problem.ProblemType;
import java.text.Normalizer;

/**
 * Decides whether a client-supplied file name is acceptable. The name is metadata only (storage is
 * content-addressed), but it is shown back to users and written to logs, so names that try to
 * traverse paths or smuggle control characters are refused outright rather than silently altered.
 */
public final class FilenamePolicy {

  static final int MAX_LENGTH = 255;

  /**
   * Wildcards and the pipe, which no shell or Windows path takes literally, and the quote. Markup
   * characters are not among them: {@code <img src=x>.csv} is a legal name on every system a client
   * uploads from, and every place the name is shown escapes it (JSON, the console's text nodes).
   */
  private static final char[] FORBIDDEN = {'"', '|', '?', '*'};

  private FilenamePolicy() {}

  /**
   * Returns the NFC-normalised name.
   *
   * @throws ProblemException {@code invalid_filename} with the reason
   */
  public static String validate(String name) {
    if (name == null || name.isBlank()) {
      throw invalid("the file name is missing or blank");
    }
    String nfc = Normalizer.normalize(name, Normalizer.Form.NFC);
    // By code point, so invisible characters beyond U+FFFF (tags, for one) are caught too; and
    // before surrounding spaces are stripped, since strip() takes U+2028 and tabs with them and
    // "\u2028.csv" would pass as ".csv".
    boolean hasControl =
        nfc.codePoints()
            .anyMatch(
                c ->
                    Character.isISOControl(c)
                        || Character.getType(c) == Character.FORMAT
                        || c == 0x2028
                        || c == 0x2029
                        || Character.getType(c) == Character.UNASSIGNED
                        || Character.getType(c) == Character.PRIVATE_USE
                        || Character.getType(c) == Character.SURROGATE);
    if (hasControl) {
      throw invalid("the file name contains a control or invisible character");
    }
    String normalized = nfc.strip();
    if (normalized.isEmpty()) {
      throw invalid("the file name is missing or blank");
    }
    if (normalized.length() > MAX_LENGTH) {
      throw invalid("the file name is longer than " + MAX_LENGTH + " characters");
    }
    if (normalized.indexOf('/') >= 0 || normalized.indexOf('\\') >= 0) {
      throw invalid("the file name contains a path separator");
    }
    if (normalized.equals(".") || normalized.startsWith("..")) {
      throw invalid("the file name is a relative path");
    }
    if (normalized.indexOf(':') >= 0) {
      throw invalid("the file name contains ':' (drive or stream syntax)");
    }
    // Wildcards and the pipe; a quote also marks a name cut short in a broken part header
    // (filename="a<CR><LF>b.csv" reaches us as "a with its opening quote).
    for (char c : FORBIDDEN) {
      if (normalized.indexOf(c) >= 0) {
        throw invalid(
            "the file name contains '" + c + "'; names may not contain " + new String(FORBIDDEN));
      }
    }
    return normalized;
  }

  private static ProblemException invalid(String why) {
    return new ProblemException(ProblemType.INVALID_FILENAME, why);
  }
}
