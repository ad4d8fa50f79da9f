package io.fileparser.upload.detection;

import io.fileparser.upload.detection.CsvSniffer.Field;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Recognises call detail record (CDR) exports and names their layout, so the parser can pick a
 * column mapping without asking the user. Layouts are tried from the most specific to the least:
 *
 * <ul>
 *   <li>{@value #ASTERISK_MASTER_CSV}: Asterisk {@code cdr_csv} ({@code Master.csv}), without a
 *       header. It has 16 fields (accountcode, src, dst, dcontext, clid, channel, dstchannel,
 *       lastapp, lastdata, start, answer, end, duration, billsec, disposition, amaflags), then
 *       optional uniqueid and userfield, and with {@code newcdrcolumns} also peeraccount, linkedid
 *       and sequence (16 to 21 in all). A row matches when start and end are {@code yyyy-MM-dd
 *       HH:mm:ss}, answer is that or empty, duration and billsec are integers and disposition is a
 *       known value. At least 90% of rows must match, because one matching row is already very
 *       specific but a file with a stray row should not lose its layout.
 *   <li>{@value #CDR_CSV_HEADER}: any delimited table whose first record names a caller, a callee,
 *       a start time and a duration column (the names accepted for each are listed in {@code
 *       Role}). Names are compared case-insensitively, ignoring spaces, underscores and dashes. All
 *       four are needed: one or two of them (a {@code date} or a {@code to}) are common in tables
 *       that have nothing to do with calls.
 *   <li>{@value #FIXED_WIDTH_SWITCH}: a fixed-width export of a telephone switch. A call line has a
 *       timestamp ({@code yyyyMMddHHmmss} or {@code yyyy-MM-dd HH:mm:ss}) and two more digit runs
 *       of five or more digits (the numbers). Title and column-label lines before the first call
 *       line and summary lines after the last are part of the layout and not judged, as in the
 *       worker's {@code cdr/fixed_width.py}, but at least half of all non-blank lines must be call
 *       lines. From the first call line to the last: at least three lines, 80% of them within two
 *       characters of one length, and 90% of those call lines. It is only tried when no delimiter
 *       splits the text consistently.
 * </ul>
 *
 * <p>The shape of {@value #ASTERISK_MASTER_CSV} is fixed by Asterisk (commas, no header), so {@link
 * #asteriskDialect} states it rather than leaving it to {@link CsvSniffer}, which refuses a file
 * whose rows differ in width (with and without uniqueid and userfield, say).
 */
public class CdrSniffer {

  public static final String ASTERISK_MASTER_CSV = "asterisk-master-csv";
  public static final String CDR_CSV_HEADER = "cdr-csv-header";
  public static final String FIXED_WIDTH_SWITCH = "fixed-width-switch";

  /**
   * Not sniffed here: fixed-width text that a published fixed-width template of the tenant (or a
   * system one) fits, as {@code templates.FixedWidthFit} judges it. Its records are its non-blank
   * lines.
   */
  public static final String FIXED_WIDTH_TEMPLATE = "fixed-width-template";

  private static final double MOST_ROWS = 0.9;
  private static final double MOST_LINES = 0.8;
  private static final int LENGTH_TOLERANCE = 2;
  private static final int MIN_FIXED_LINES = 3;
  private static final int PHONE_DIGITS = 5;

  private static final Pattern ASTERISK_TIME =
      Pattern.compile("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}");
  private static final Pattern INTEGER = Pattern.compile("\\d+");
  private static final Set<String> DISPOSITIONS =
      Set.of("ANSWERED", "NO ANSWER", "BUSY", "FAILED", "CONGESTION", "UNKNOWN");

  private static final Pattern COMPACT_TIMESTAMP =
      Pattern.compile(
          "(19|20)\\d{2}(0[1-9]|1[0-2])(0[1-9]|[12]\\d|3[01])([01]\\d|2[0-3])[0-5]\\d[0-5]\\d");
  private static final Pattern SEPARATED_TIMESTAMP =
      Pattern.compile(
          "(19|20)\\d{2}-(0[1-9]|1[0-2])-(0[1-9]|[12]\\d|3[01])"
              + "[ T]([01]\\d|2[0-3]):[0-5]\\d:[0-5]\\d");
  private static final Pattern DIGIT_RUN = Pattern.compile("\\d+");
  private static final Pattern LINE_BREAK = Pattern.compile("\r\n|\r|\n");

  private enum Role {
    CALLER(
        Set.of("caller", "callingnumber", "anumber", "src", "from", "ani", "calling", "source"),
        Set.of("caller", "calling", "anumber", "src")),
    CALLEE(
        Set.of("callee", "callednumber", "bnumber", "dst", "to", "dnis", "called", "destination"),
        Set.of("callee", "called", "bnumber", "dst")),
    START(
        Set.of(
            "start",
            "starttime",
            "callstart",
            "time",
            "setuptime",
            "timestamp",
            "answertime",
            "date",
            "calldate",
            "datetime",
            "startdate"),
        Set.of("starttime", "callstart", "setuptime")),
    DURATION(
        Set.of("duration", "billsec", "callduration", "seconds", "dur"),
        Set.of("duration", "billsec", "callduration"));

    private final Set<String> names;
    private final Set<String> prefixes;

    Role(Set<String> names, Set<String> prefixes) {
      this.names = names;
      this.prefixes = prefixes;
    }

    boolean matches(String name) {
      return names.contains(name) || prefixes.stream().anyMatch(name::startsWith);
    }
  }

  private final CsvSniffer csvSniffer = new CsvSniffer();

  /**
   * Names the CDR layout of {@code text}, or returns empty when it is not a CDR export we know.
   *
   * @param truncated whether the file continues after {@code text}, so its last line may be cut
   */
  public Optional<String> sniff(String text, boolean truncated) {
    SplitText split = new SplitText(text, truncated);
    return sniff(split, csvSniffer.sniff(split));
  }

  /**
   * Like {@link #sniff(String, boolean)} for a caller that has already sniffed the text with {@link
   * CsvSniffer}, which is the most expensive step.
   */
  Optional<String> sniff(SplitText split, Optional<CsvDialect> dialect) {
    if (isAsteriskMaster(split)) {
      return Optional.of(ASTERISK_MASTER_CSV);
    }
    if (dialect.isPresent()) {
      return namesCallRecordFields(split, dialect.get().delimiter())
          ? Optional.of(CDR_CSV_HEADER)
          : Optional.empty();
    }
    return isFixedWidthSwitchExport(split.text(), split.truncated())
        ? Optional.of(FIXED_WIDTH_SWITCH)
        : Optional.empty();
  }

  /**
   * The dialect of a {@value #ASTERISK_MASTER_CSV} file: commas, no header, and the field count
   * most of its records have.
   */
  static CsvDialect asteriskDialect(SplitText split) {
    return new CsvDialect(',', false, CsvSniffer.commonWidth(split.records(',')));
  }

  /** Whether the layout is delimited text, as opposed to fixed-width columns. */
  public static boolean isDelimited(String layout) {
    return !FIXED_WIDTH_SWITCH.equals(layout) && !FIXED_WIDTH_TEMPLATE.equals(layout);
  }

  private static boolean isAsteriskMaster(SplitText split) {
    List<List<Field>> rows = split.records(',');
    long matching = rows.stream().filter(CdrSniffer::isAsteriskRow).count();
    return matching > 0 && matching >= MOST_ROWS * rows.size();
  }

  private static boolean isAsteriskRow(List<Field> row) {
    return row.size() >= 16
        && row.size() <= 21
        && ASTERISK_TIME.matcher(row.get(9).value()).matches()
        && (row.get(10).value().isEmpty() || ASTERISK_TIME.matcher(row.get(10).value()).matches())
        && ASTERISK_TIME.matcher(row.get(11).value()).matches()
        && INTEGER.matcher(row.get(12).value()).matches()
        && INTEGER.matcher(row.get(13).value()).matches()
        && DISPOSITIONS.contains(row.get(14).value());
  }

  private static boolean namesCallRecordFields(SplitText split, char delimiter) {
    List<Field> header = split.records(delimiter).get(0);
    Set<Role> found = EnumSet.noneOf(Role.class);
    for (Field field : header) {
      roleOf(field.value()).ifPresent(found::add);
    }
    return found.size() == Role.values().length;
  }

  /**
   * The index of the header column this sniffer takes as the call's start time, or -1. Shared with
   * the deep validator, so both read the same column.
   */
  public static int startColumn(List<String> header) {
    for (int i = 0; i < header.size(); i++) {
      if (roleOf(header.get(i)).orElse(null) == Role.START) {
        return i;
      }
    }
    return -1;
  }

  /** The role a header names; one column fills one role, so "callduration" is no caller. */
  private static Optional<Role> roleOf(String headerName) {
    String name = headerName.toLowerCase(Locale.ROOT).replaceAll("[\\s_-]", "");
    for (Role role : Role.values()) {
      if (role.matches(name)) {
        return Optional.of(role);
      }
    }
    return Optional.empty();
  }

  private static boolean isFixedWidthSwitchExport(String text, boolean truncated) {
    List<String> lines = LINE_BREAK.splitAsStream(text).filter(line -> !line.isBlank()).toList();
    boolean lastLineCut = truncated && !text.endsWith("\n") && !text.endsWith("\r");
    if (lastLineCut && !lines.isEmpty()) {
      lines = lines.subList(0, lines.size() - 1);
    }
    int first = -1;
    int last = -1;
    int callCount = 0;
    for (int i = 0; i < lines.size(); i++) {
      if (isCallLine(lines.get(i))) {
        first = first < 0 ? i : first;
        last = i;
        callCount++;
      }
    }
    if (callCount == 0 || 2 * callCount < lines.size()) {
      return false;
    }
    List<String> calls = lines.subList(first, last + 1);
    int shortest = commonLength(calls);
    List<String> fixed =
        calls.stream()
            .filter(line -> line.length() >= shortest)
            .filter(line -> line.length() <= shortest + LENGTH_TOLERANCE)
            .toList();
    if (fixed.size() < MIN_FIXED_LINES || fixed.size() < MOST_LINES * calls.size()) {
      return false;
    }
    long callLines = fixed.stream().filter(CdrSniffer::isCallLine).count();
    return callLines >= MOST_ROWS * fixed.size();
  }

  /** The length L that most lines fall within L..L+tolerance of. */
  private static int commonLength(List<String> lines) {
    Map<Long, Integer> lengths = new HashMap<>();
    lines.forEach(line -> lengths.merge((long) line.length(), 1, Integer::sum));
    return (int) commonLength(lengths, LENGTH_TOLERANCE);
  }

  /**
   * The length L that most lines fall within L..L+tolerance of, given how many lines have each
   * length; ties go to the shorter. Shared with the deep validator so both agree on the layout.
   */
  public static long commonLength(Map<Long, Integer> lengthCounts, int tolerance) {
    long best = 0;
    int bestCount = 0;
    for (long length : lengthCounts.keySet()) {
      int count = 0;
      for (int extra = 0; extra <= tolerance; extra++) {
        count += lengthCounts.getOrDefault(length + extra, 0);
      }
      if (count > bestCount || (count == bestCount && length < best)) {
        best = length;
        bestCount = count;
      }
    }
    return best;
  }

  /**
   * Whether a line of a fixed-width export records a call: a timestamp and two numbers. Shared with
   * the deep validator, which skips the lines before the first call and after the last as this
   * sniffer does.
   */
  public static boolean isCallLine(String line) {
    boolean timestamp = SEPARATED_TIMESTAMP.matcher(line).find();
    int numbers = 0;
    Matcher run = DIGIT_RUN.matcher(line);
    while (run.find()) {
      String digits = run.group();
      if (!timestamp && COMPACT_TIMESTAMP.matcher(digits).lookingAt()) {
        // A run that starts with the timestamp is the timestamp, even if a field follows it.
        timestamp = true;
      } else if (digits.length() >= PHONE_DIGITS) {
        numbers++;
      }
    }
    return timestamp && numbers >= 2;
  }
}
