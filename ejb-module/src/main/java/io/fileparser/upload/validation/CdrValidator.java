package io.fileparser.upload.validation;

import io.fileparser.upload.detection.CdrSniffer;
import io.fileparser.upload.detection.CsvDialect;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks that every record of a CDR export keeps to the layout {@link CdrSniffer} named from its
 * head, in one streaming pass with bounded memory. A record breaks the layout when:
 *
 * <ul>
 *   <li>{@value CdrSniffer#ASTERISK_MASTER_CSV}: it does not have 16 to 21 fields, or its start
 *       field (the tenth) is not a real {@code yyyy-MM-dd HH:mm:ss} time;
 *   <li>{@value CdrSniffer#CDR_CSV_HEADER}: its field count differs from the header's, or its start
 *       column (the first header name {@code CdrSniffer} accepts as a start time) holds no
 *       timestamp (see {@link CallTimestamps});
 *   <li>{@value CdrSniffer#FIXED_WIDTH_SWITCH}: its length is outside L to L+2 characters, where L
 *       is the length most of the first {@value #FIXED_WIDTH_SAMPLE} lines share, as the sniffer
 *       measures it. Lines before the first call line and after the last ({@link
 *       CdrSniffer#isCallLine}) are titles, column labels and totals: they are no records, as for
 *       the sniffer and the worker.
 *   <li>{@value CdrSniffer#FIXED_WIDTH_TEMPLATE}: its length is outside L to L+2 characters, L
 *       measured as for {@value CdrSniffer#FIXED_WIDTH_SWITCH}; every non-blank line is a record.
 * </ul>
 *
 * <p>Up to {@link ValidationLimits#csvRaggedTolerance()} of the records may break the layout (the
 * parser reports them one by one); past that, the head was not representative and the file is
 * refused with {@code cdr_layout_unknown}.
 *
 * <p>Instances are stateless and safe to share between threads.
 */
public class CdrValidator {

  private static final int ASTERISK_START = 9;
  private static final int ASTERISK_MIN_FIELDS = 16;
  private static final int ASTERISK_MAX_FIELDS = 21;
  private static final int FIXED_WIDTH_SAMPLE = 1000;
  private static final int LENGTH_TOLERANCE = 2;

  /** Tallies records and remembers the first bad one for the message. */
  private static final class Tally {
    long records;
    long bad;
    long firstBadLine = -1;
    String firstBadReason;

    void record(long line, String problem) {
      records++;
      if (problem != null) {
        bad++;
        if (firstBadLine < 0) {
          firstBadLine = line;
          firstBadReason = problem;
        }
      }
    }

    /** Takes over what {@code other} tallied, which follows what this tally holds in the file. */
    void absorb(Tally other) {
      records += other.records;
      bad += other.bad;
      if (firstBadLine < 0) {
        firstBadLine = other.firstBadLine;
        firstBadReason = other.firstBadReason;
      }
      other.records = 0;
      other.bad = 0;
      other.firstBadLine = -1;
      other.firstBadReason = null;
    }
  }

  /**
   * Reads {@code content} to its end and checks every record against {@code layout}.
   *
   * @param layout one of the {@link CdrSniffer} layout constants
   * @param dialect the dialect of a {@value CdrSniffer#CDR_CSV_HEADER} file (its delimiter is
   *     needed); ignored for the other layouts and may then be null
   * @throws ValidationFailure {@code cdr_layout_unknown}, {@code csv_encoding}, {@code
   *     csv_too_many_columns} or {@code csv_line_too_long}
   * @throws IOException when reading {@code content} fails
   */
  public CdrFacts validate(
      InputStream content, String layout, CsvDialect dialect, ValidationLimits limits)
      throws IOException {
    Tally tally = new Tally();
    TextRecords records;
    switch (layout) {
      case CdrSniffer.ASTERISK_MASTER_CSV -> {
        records = new TextRecords(content, ',', limits);
        checkAsterisk(records, tally);
      }
      case CdrSniffer.CDR_CSV_HEADER -> {
        char delimiter = dialect == null ? ',' : dialect.delimiter();
        records = new TextRecords(content, delimiter, limits);
        checkHeaderCsv(records, tally);
      }
      case CdrSniffer.FIXED_WIDTH_SWITCH -> {
        records = new TextRecords(content, -1, limits);
        checkFixedWidth(records, tally);
      }
      case CdrSniffer.FIXED_WIDTH_TEMPLATE -> {
        records = new TextRecords(content, -1, limits);
        checkLineLengths(records, tally);
      }
      default -> throw new IllegalArgumentException("unknown CDR layout " + layout);
    }
    if (tally.bad > limits.csvRaggedTolerance() * tally.records) {
      Map<String, Object> facts = new LinkedHashMap<>();
      facts.put("layout", layout);
      facts.put("badRecords", tally.bad);
      facts.put("recordsChecked", tally.records);
      facts.put("firstBadLine", tally.firstBadLine);
      throw new ValidationFailure(
          ValidationFailure.CDR_LAYOUT_UNKNOWN,
          tally.bad
              + " of "
              + tally.records
              + " records do not keep to the "
              + layout
              + " layout its first lines have (the first is line "
              + tally.firstBadLine
              + ": "
              + tally.firstBadReason
              + "); at most "
              + CsvValidator.percent(limits.csvRaggedTolerance())
              + " may differ. Upload an unchanged export from one system",
          facts);
    }
    return new CdrFacts(tally.records, layout, tally.bad, records.encoding());
  }

  private static void checkAsterisk(TextRecords records, Tally tally) throws IOException {
    records.capture(ASTERISK_START);
    while (records.next()) {
      int fields = records.fields();
      String problem = null;
      if (fields < ASTERISK_MIN_FIELDS || fields > ASTERISK_MAX_FIELDS) {
        problem = fields + " fields where 16 to 21 are expected";
      } else if (!CallTimestamps.isAsteriskTime(
          records.capturedBytes(), 0, records.capturedLength())) {
        problem = "the start field is not a yyyy-MM-dd HH:mm:ss time";
      }
      tally.record(records.line(), problem);
    }
  }

  private static void checkHeaderCsv(TextRecords records, Tally tally) throws IOException {
    records.capture(TextRecords.ALL_COLUMNS);
    if (!records.next()) {
      return;
    }
    int columns = records.fields();
    int start = startColumn(records.captured());
    if (start < 0) {
      throw new ValidationFailure(
          ValidationFailure.CDR_LAYOUT_UNKNOWN,
          "the first record names no start time column, so the file is not the call record"
              + " export its head looked like",
          Map.of("layout", CdrSniffer.CDR_CSV_HEADER));
    }
    records.capture(start);
    while (records.next()) {
      String problem = null;
      if (records.fields() != columns) {
        problem = records.fields() + " fields where the header has " + columns;
      } else if (!CallTimestamps.isTimestamp(
          records.capturedBytes(), 0, records.capturedLength())) {
        problem = "the start time column holds no timestamp";
      }
      tally.record(records.line(), problem);
    }
  }

  /** The column {@code CdrSniffer} would take as the start time, or -1. */
  static int startColumn(List<String> header) {
    return CdrSniffer.startColumn(header);
  }

  private static void checkFixedWidth(TextRecords records, Tally tally) throws IOException {
    records.capture(0);
    long[] lines = new long[FIXED_WIDTH_SAMPLE];
    long[] lengths = new long[FIXED_WIDTH_SAMPLE];
    boolean[] calls = new boolean[FIXED_WIDTH_SAMPLE];
    int sampled = 0;
    while (sampled < FIXED_WIDTH_SAMPLE && records.next()) {
      boolean call = CdrSniffer.isCallLine(records.captured().get(0));
      if (call || sampled > 0) {
        lines[sampled] = records.line();
        lengths[sampled] = records.chars();
        calls[sampled] = call;
        sampled++;
      }
    }
    long common = commonLength(lengths, sampled);
    // Lines since the last call line: records if another call follows, else the closing totals.
    Tally sinceLastCall = new Tally();
    for (int i = 0; i < sampled; i++) {
      checkFixedWidthLine(tally, sinceLastCall, lines[i], lengths[i], calls[i], common);
    }
    while (records.next()) {
      boolean call = CdrSniffer.isCallLine(records.captured().get(0));
      checkFixedWidthLine(tally, sinceLastCall, records.line(), records.chars(), call, common);
    }
  }

  /** Every non-blank line is a record, of the length most of the first lines share. */
  private static void checkLineLengths(TextRecords records, Tally tally) throws IOException {
    long[] lines = new long[FIXED_WIDTH_SAMPLE];
    long[] lengths = new long[FIXED_WIDTH_SAMPLE];
    int sampled = 0;
    while (sampled < FIXED_WIDTH_SAMPLE && records.next()) {
      lines[sampled] = records.line();
      lengths[sampled] = records.chars();
      sampled++;
    }
    long common = commonLength(lengths, sampled);
    for (int i = 0; i < sampled; i++) {
      tally.record(lines[i], lengthProblem(lengths[i], common));
    }
    while (records.next()) {
      tally.record(records.line(), lengthProblem(records.chars(), common));
    }
  }

  private static void checkFixedWidthLine(
      Tally tally, Tally sinceLastCall, long line, long length, boolean call, long common) {
    sinceLastCall.record(line, lengthProblem(length, common));
    if (call) {
      tally.absorb(sinceLastCall);
    }
  }

  private static String lengthProblem(long length, long common) {
    if (length >= common && length <= common + LENGTH_TOLERANCE) {
      return null;
    }
    return length
        + " characters where "
        + common
        + " to "
        + (common + LENGTH_TOLERANCE)
        + " are expected";
  }

  /** The length L that most lines fall within L..L+tolerance of, as {@code CdrSniffer} finds it. */
  private static long commonLength(long[] lengths, int count) {
    Map<Long, Integer> counts = new HashMap<>();
    for (int i = 0; i < count; i++) {
      counts.merge(lengths[i], 1, Integer::sum);
    }
    return CdrSniffer.commonLength(counts, LENGTH_TOLERANCE);
  }
}
