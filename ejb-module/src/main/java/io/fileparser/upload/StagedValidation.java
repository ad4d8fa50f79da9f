package io.fileparser.upload;

import io.fileparser.upload.detection.Detection;
import io.fileparser.upload.validation.CdrValidator;
import io.fileparser.upload.validation.CsvValidator;
import io.fileparser.upload.validation.PdfInspector;
import io.fileparser.upload.validation.ValidationLimits;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

/**
 * Runs the deep checks of a format over the plaintext of an upload, as it streams past (beside the
 * store) or read back: CSV and CDR stream through their validators; a PDF, which PDFBox reads with
 * random access, is first copied to a private temporary file that is removed right after.
 */
final class StagedValidation {

  private StagedValidation() {}

  static Map<String, Object> validate(InputStream in, Detection detection, ValidationLimits limits)
      throws IOException {
    return switch (detection.format()) {
      case UNKNOWN ->
          throw new IllegalArgumentException("only a recognised format can be validated");
      case CSV -> {
        yield new CsvValidator().validate(in, detection.dialect(), limits).asMap();
      }
      case CDR -> {
        yield new CdrValidator()
            .validate(in, detection.layout(), detection.dialect(), limits)
            .asMap();
      }
      case PDF -> {
        Path temp =
            Files.createTempFile(
                "fileparser-pdf-",
                ".pdf",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try {
          Files.copy(in, temp, StandardCopyOption.REPLACE_EXISTING);
          yield new PdfInspector().inspect(temp, limits).asMap();
        } finally {
          Files.deleteIfExists(temp);
        }
      }
    };
  }
}
