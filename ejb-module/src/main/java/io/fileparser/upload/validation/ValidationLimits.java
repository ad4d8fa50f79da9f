package io.fileparser.upload.validation;

/**
 * The bounds deep validation enforces. {@link #defaults()} holds the default of every limit in one
 * place; deployments override single values through configuration and build a new instance.
 *
 * @param maxCsvColumns most fields a CSV or CDR record may have
 * @param maxCsvLineBytes most bytes one record may take (a quoted field with line breaks counts as
 *     part of its record), which also bounds a field
 * @param csvRaggedTolerance the share of records (0 to 1) whose field count may differ from the
 *     expected count, or (for CDR) that may break the layout, before the file is refused
 * @param maxGzipRatio most decompressed bytes per compressed byte, checked once more than {@link
 *     GzipGuard#RATIO_GRACE_BYTES} were decompressed
 * @param maxDecompressedBytes most bytes a gzip stream may decompress to
 * @param maxGzipMembers most members a gzip stream may hold (concatenated streams, empty ones
 *     included)
 * @param allowPdfJavaScript whether a PDF may carry JavaScript actions
 * @param allowPdfLaunchActions whether a PDF may carry Launch actions (which start programs)
 * @param maxPdfPages most pages a PDF may have
 */
public record ValidationLimits(
    int maxCsvColumns,
    int maxCsvLineBytes,
    double csvRaggedTolerance,
    double maxGzipRatio,
    long maxDecompressedBytes,
    int maxGzipMembers,
    boolean allowPdfJavaScript,
    boolean allowPdfLaunchActions,
    int maxPdfPages) {

  public static final int DEFAULT_MAX_CSV_COLUMNS = 1000;
  public static final int DEFAULT_MAX_CSV_LINE_BYTES = 1024 * 1024;
  public static final double DEFAULT_CSV_RAGGED_TOLERANCE = 0.02;
  public static final double DEFAULT_MAX_GZIP_RATIO = 100;
  public static final long DEFAULT_MAX_DECOMPRESSED_BYTES = 4L * 1024 * 1024 * 1024;

  /**
   * gzip and pigz write one member, a few tools one per flushed block; a thousand is far more than
   * real files hold and far fewer than it takes to tie up a request with empty members.
   */
  public static final int DEFAULT_MAX_GZIP_MEMBERS = 1000;

  public static final int DEFAULT_MAX_PDF_PAGES = 10_000;

  /** Rejects limits that would make every file fail or none. */
  public ValidationLimits {
    requirePositive(maxCsvColumns, "maxCsvColumns");
    requirePositive(maxCsvLineBytes, "maxCsvLineBytes");
    requirePositive(maxPdfPages, "maxPdfPages");
    requirePositive(maxDecompressedBytes, "maxDecompressedBytes");
    requirePositive(maxGzipMembers, "maxGzipMembers");
    if (!(csvRaggedTolerance >= 0 && csvRaggedTolerance <= 1)) {
      throw new IllegalArgumentException("csvRaggedTolerance must be within 0..1");
    }
    if (!(maxGzipRatio >= 1)) {
      throw new IllegalArgumentException("maxGzipRatio must be at least 1");
    }
  }

  /** The limits used unless configuration says otherwise. */
  public static ValidationLimits defaults() {
    return new ValidationLimits(
        DEFAULT_MAX_CSV_COLUMNS,
        DEFAULT_MAX_CSV_LINE_BYTES,
        DEFAULT_CSV_RAGGED_TOLERANCE,
        DEFAULT_MAX_GZIP_RATIO,
        DEFAULT_MAX_DECOMPRESSED_BYTES,
        DEFAULT_MAX_GZIP_MEMBERS,
        false,
        false,
        DEFAULT_MAX_PDF_PAGES);
  }

  /** These limits with another bound on decompressed gzip size. */
  public ValidationLimits withMaxDecompressedBytes(long bytes) {
    return new ValidationLimits(
        maxCsvColumns,
        maxCsvLineBytes,
        csvRaggedTolerance,
        maxGzipRatio,
        bytes,
        maxGzipMembers,
        allowPdfJavaScript,
        allowPdfLaunchActions,
        maxPdfPages);
  }

  /** These limits with another bound on the number of gzip members. */
  public ValidationLimits withMaxGzipMembers(int members) {
    return new ValidationLimits(
        maxCsvColumns,
        maxCsvLineBytes,
        csvRaggedTolerance,
        maxGzipRatio,
        maxDecompressedBytes,
        members,
        allowPdfJavaScript,
        allowPdfLaunchActions,
        maxPdfPages);
  }

  private static void requirePositive(long value, String name) {
    if (value <= 0) {
      throw new IllegalArgumentException(name + " must be positive");
    }
  }
}
