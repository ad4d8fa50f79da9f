package io.fileparser.upload.validation;

import io.fileparser.files.entity.FileFormat;
import io.fileparser.upload.detection.CdrSniffer;
import io.fileparser.upload.detection.CsvDialect;
import io.fileparser.upload.detection.CsvSniffer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Checks a whole stored file according to what {@code ContentSniffer} recognised in its head, and
 * answers with facts about it for the job record. Decompression and decryption are the caller's:
 * the file given here is the plaintext.
 *
 * <p>Instances are stateless and safe to share between threads.
 */
public class DeepValidator {

  /**
   * Matches {@code ContentSniffer.HEAD_SIZE}, so a missing dialect is sniffed from the same head.
   */
  private static final int HEAD_SIZE = 64 * 1024;

  /**
   * What deep validation found, as JSON-friendly values.
   *
   * @param format the format that was checked
   * @param details the format's facts: those of {@link PdfFacts}, {@link CsvFacts} (with the {@code
   *     delimiter} and {@code hasHeader} of the dialect) or {@link CdrFacts}
   */
  public record Facts(FileFormat format, Map<String, Object> details) {

    public Facts {
      details = Collections.unmodifiableMap(new LinkedHashMap<>(details));
    }
  }

  private final PdfInspector pdfInspector = new PdfInspector();
  private final CsvValidator csvValidator = new CsvValidator();
  private final CdrValidator cdrValidator = new CdrValidator();
  private final CsvSniffer csvSniffer = new CsvSniffer();

  /**
   * Checks the whole file.
   *
   * @param cdrLayout the layout {@code CdrSniffer} named, for {@link FileFormat#CDR}
   * @param dialect the dialect {@code CsvSniffer} found, for CSV and for a delimited CDR layout
   *     with a header; when null it is sniffed again from the head of the file
   * @param storedPlaintextFile the complete, decompressed and decrypted file
   * @throws ValidationFailure when the content breaks a rule; see its codes
   * @throws IOException when the file cannot be read
   */
  public Facts validate(
      FileFormat format,
      String cdrLayout,
      CsvDialect dialect,
      Path storedPlaintextFile,
      ValidationLimits limits)
      throws IOException {
    Objects.requireNonNull(format, "format");
    Objects.requireNonNull(limits, "limits");
    return switch (format) {
      case PDF -> new Facts(format, pdfInspector.inspect(storedPlaintextFile, limits).asMap());
      case CSV -> validateCsv(storedPlaintextFile, dialect, limits);
      case CDR -> validateCdr(storedPlaintextFile, cdrLayout, dialect, limits);
      case UNKNOWN ->
          throw new IllegalArgumentException("only a recognised format can be validated");
    };
  }

  private Facts validateCsv(Path file, CsvDialect dialect, ValidationLimits limits)
      throws IOException {
    CsvDialect known = dialect != null ? dialect : sniffDialect(file);
    CsvFacts facts;
    try (InputStream in = Files.newInputStream(file)) {
      facts = csvValidator.validate(in, known, limits);
    }
    Map<String, Object> details = facts.asMap();
    details.put("delimiter", String.valueOf(known.delimiter()));
    details.put("hasHeader", known.hasHeader());
    return new Facts(FileFormat.CSV, details);
  }

  private Facts validateCdr(Path file, String layout, CsvDialect dialect, ValidationLimits limits)
      throws IOException {
    Objects.requireNonNull(layout, "cdrLayout is required for CDR files");
    CsvDialect known =
        dialect == null && CdrSniffer.CDR_CSV_HEADER.equals(layout) ? sniffDialect(file) : dialect;
    try (InputStream in = Files.newInputStream(file)) {
      return new Facts(FileFormat.CDR, cdrValidator.validate(in, layout, known, limits).asMap());
    }
  }

  /** Sniffs the head as {@code ContentSniffer} does, for a caller that did not keep the dialect. */
  private CsvDialect sniffDialect(Path file) throws IOException {
    byte[] head;
    boolean truncated;
    try (InputStream in = Files.newInputStream(file)) {
      head = in.readNBytes(HEAD_SIZE);
      truncated = in.read() >= 0;
    }
    return csvSniffer
        .sniff(decodeHead(head, truncated), truncated)
        .orElseThrow(
            () ->
                new ValidationFailure(
                    ValidationFailure.CSV_RAGGED_ROWS,
                    "the start of the file is not a consistent delimited table",
                    Map.of()));
  }

  private static String decodeHead(byte[] head, boolean truncated) {
    boolean bom =
        head.length >= 3
            && (head[0] & 0xFF) == 0xEF
            && (head[1] & 0xFF) == 0xBB
            && (head[2] & 0xFF) == 0xBF;
    int start = bom ? 3 : 0;
    int end = head.length;
    if (truncated) {
      // Drop the line the head cut, which may also end in a cut UTF-8 sequence.
      while (end > start && head[end - 1] != '\n' && head[end - 1] != '\r') {
        end--;
      }
    }
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(head, start, end - start))
          .toString();
    } catch (CharacterCodingException notUtf8) {
      return new String(head, start, end - start, StandardCharsets.ISO_8859_1);
    }
  }
}
