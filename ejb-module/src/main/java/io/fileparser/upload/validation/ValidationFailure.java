package io.fileparser.upload.validation;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A stored upload broke a content rule. The {@link #code()} is a stable machine name, written like
 * a {@code ProblemType} code so the caller can map it to one; the {@link #detail()} tells the user
 * what is wrong and, where there is one, what to do; the {@link #facts()} carry the numbers behind
 * it (offsets, counts, limits) as JSON-friendly values.
 */
public class ValidationFailure extends RuntimeException {

  /** No header, no {@code %%EOF} at the end, or PDFBox cannot parse it. */
  public static final String PDF_MALFORMED = "pdf_malformed";

  /** The PDF needs a password to open. */
  public static final String PDF_ENCRYPTED = "pdf_encrypted";

  /** The PDF carries JavaScript or Launch actions that the limits do not allow. */
  public static final String PDF_ACTIVE_CONTENT = "pdf_active_content";

  public static final String PDF_TOO_MANY_PAGES = "pdf_too_many_pages";

  /** Too many records have a different field count from the expected one. */
  public static final String CSV_RAGGED_ROWS = "csv_ragged_rows";

  public static final String CSV_TOO_MANY_COLUMNS = "csv_too_many_columns";
  public static final String CSV_LINE_TOO_LONG = "csv_line_too_long";

  /** The bytes are neither UTF-8 nor plausible single-byte text (also used for CDR text). */
  public static final String CSV_ENCODING = "csv_encoding";

  /** The head matched a CDR layout but too much of the body does not keep to it. */
  public static final String CDR_LAYOUT_UNKNOWN = "cdr_layout_unknown";

  /** Decompressing went past the size or ratio limit. */
  public static final String GZIP_BOMB = "gzip_bomb";

  public static final String GZIP_CORRUPT = "gzip_corrupt";

  private final String code;
  private final Map<String, Object> facts;

  public ValidationFailure(String code, String detail) {
    this(code, detail, Map.of());
  }

  public ValidationFailure(String code, String detail, Map<String, ?> facts) {
    this(code, detail, facts, null);
  }

  /** A failure found through a library's exception, kept as the cause for the log. */
  public ValidationFailure(String code, String detail, Map<String, ?> facts, Throwable cause) {
    super(detail, cause);
    this.code = code;
    this.facts = Collections.unmodifiableMap(new LinkedHashMap<>(facts));
  }

  public String code() {
    return code;
  }

  public String detail() {
    return getMessage();
  }

  /** The numbers behind the failure, e.g. {@code offset} or {@code raggedRows}. */
  public Map<String, Object> facts() {
    return facts;
  }
}
