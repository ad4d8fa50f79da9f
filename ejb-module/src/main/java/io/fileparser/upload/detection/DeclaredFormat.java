package io.fileparser.upload.detection;

import io.fileparser.files.entity.FileFormat;
import io.fileparser.problem.ProblemException;
import io.fileparser.problem.ProblemType;
import java.util.Locale;
import java.util.Map;

/**
 * Cross-checks what the client says a file is (its name's extension and its declared media type)
 * against what its content is. Only a mismatch that changes the format is refused: a PDF named
 * {@code .csv}, or CSV declared as {@code application/pdf}. CSV and CDR are both delimited or fixed
 * text, so one for the other is no mismatch; unknown extensions and generic types ({@code
 * application/octet-stream}) say nothing and are not checked.
 */
public final class DeclaredFormat {

  private enum Family {
    PDF,
    TEXT
  }

  private DeclaredFormat() {}

  public static void refuseMismatch(String filename, String declaredType, Detection detection) {
    Family actual = detection.format() == FileFormat.PDF ? Family.PDF : Family.TEXT;
    Family byName = byExtension(filename);
    if (byName != null && byName != actual) {
      throw mismatch("the file name '" + filename + "' says " + byName, detection);
    }
    Family byType = byMediaType(declaredType);
    if (byType != null && byType != actual) {
      throw mismatch("the declared type " + declaredType + " says " + byType, detection);
    }
  }

  static Family byExtension(String filename) {
    String name = filename.toLowerCase(Locale.ROOT);
    if (name.endsWith(".gz")) {
      name = name.substring(0, name.length() - 3);
    }
    int dot = name.lastIndexOf('.');
    if (dot < 0) {
      return null;
    }
    return switch (name.substring(dot + 1)) {
      case "pdf" -> Family.PDF;
      case "csv", "tsv", "txt", "cdr", "dat", "log" -> Family.TEXT;
      default -> null;
    };
  }

  static Family byMediaType(String declared) {
    if (declared == null || declared.isBlank()) {
      return null;
    }
    String type = declared.toLowerCase(Locale.ROOT).split(";")[0].strip();
    return switch (type) {
      case "application/pdf", "application/x-pdf" -> Family.PDF;
      case "text/csv", "text/plain", "text/tab-separated-values", "application/csv" -> Family.TEXT;
      default -> null;
    };
  }

  private static ProblemException mismatch(String claim, Detection detection) {
    return new ProblemException(
        ProblemType.FORMAT_MISMATCH,
        claim + " but the content is " + detection.format() + " (" + detection.mimeType() + ")",
        Map.of("detectedType", detection.mimeType(), "detectedFormat", detection.format().name()));
  }
}
