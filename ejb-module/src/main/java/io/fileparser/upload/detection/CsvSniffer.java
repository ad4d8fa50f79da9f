package io.fileparser.upload.detection;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Decides whether text is a delimited table and guesses its {@link CsvDialect}. It works like
 * Python's {@code csv.Sniffer} but is stricter, because saying yes sends prose or source code on
 * to the table parser.
 *
 * <p>Each candidate delimiter ({@code , ; \t |}) is tried with RFC 4180 quoting: a field that
 * starts with a double quote may hold delimiters, line breaks and doubled quotes. A delimiter
 * qualifies when there are at least two complete records, the most common field count is at least
 * two, at least 90% of records have that count and at least two columns hold values. The most
 * consistent qualifying delimiter wins; ties go to the one giving more columns.
 *
 * <p>Text that splits evenly by accident is rejected. Text that opens with {@code {}, {@code [} or
 * {@code <} is taken to be JSON, XML or HTML. Rows made mostly of long unquoted phrases or ending
 * like sentences are taken to be prose. Rows ending like statements ({@code ; { } ( :}) are taken
 * to be code. The prose and code rules are waived when a column holds mostly numbers or dates,
 * which prose and code rarely give. So a two-column table of a word and an unquoted sentence, with
 * no numeric column, is not recognised.
 *
 * <p>Header guess: the values of the first record must be non-empty (except over a column that is
 * empty throughout, which is padding), not numbers or dates, distinct, and none may recur in its
 * own column below. If that holds, a column of mostly numbers or dates, or a column of equal-length
 * values whose name has a different length, supports a header; a column of equal-length values
 * whose name has that same length counts against one. The first record is a header unless the
 * evidence against is stronger. A table of free text only is therefore reported with a header
 * whenever its first record meets the condition above.
 *
 * <p>The worker's {@code dialect.py} keeps to the same rules and, like {@link CsvDialect}, always
 * quotes with double quotes; the samples in {@code corpus/detection} hold both sides to them.
 */
public class CsvSniffer {

  private static final char[] CANDIDATES = {',', ';', '\t', '|'};

  /** Enough to judge consistency while keeping four passes over a 64 KiB head cheap. */
  private static final int MAX_RECORDS = 1000;

  private static final double MIN_CONSISTENCY = 0.9;
  private static final double MOSTLY = 0.8;
  private static final int PHRASE_WORDS = 4;
  private static final int SENTENCE_WORDS = 6;

  private static final Pattern NUMBER =
      Pattern.compile("[-+]?[$€£¥]?(\\d+|\\d{1,3}([,.' ]\\d{3})+)([.,]\\d+)?([eE][-+]?\\d+)?%?");
  private static final Pattern DATE_OR_TIME =
      Pattern.compile(
          "(\\d{4}[-/.]\\d{1,2}[-/.]\\d{1,2}|\\d{1,2}[-/.]\\d{1,2}[-/.]\\d{2,4})"
              + "([T ]\\d{1,2}:\\d{2}(:\\d{2}([.,]\\d+)?)?(Z|[+-]\\d{2}:?\\d{2})?)?"
              + "|\\d{1,2}:\\d{2}(:\\d{2})?");

  /** One parsed field; {@code quoted} tells whether it was written inside double quotes. */
  record Field(String value, boolean quoted) {}

  private record Candidate(
      char delimiter, List<List<Field>> rows, int columns, double consistency) {

    boolean beats(Candidate other) {
      return consistency > other.consistency
          || (consistency == other.consistency && columns > other.columns);
    }

    /** Records of the common width, the only ones whose columns line up. */
    List<List<Field>> alignedRows() {
      return rows.stream().filter(row -> row.size() == columns).toList();
    }
  }

  /** Sniffs text that is the whole file. */
  public Optional<CsvDialect> sniff(String text) {
    return sniff(text, false);
  }

  /**
   * Sniffs text that may be only the start of a file.
   *
   * @param truncated whether the file continues after {@code text}; a last record that is not
   *     terminated by a line break is then ignored, since it may be cut
   */
  public Optional<CsvDialect> sniff(String text, boolean truncated) {
    return sniff(new SplitText(text, truncated));
  }

  /** Sniffs a text whose records other sniffers read too. */
  Optional<CsvDialect> sniff(SplitText split) {
    String text = split.text();
    if (opensLikeMarkup(text)) {
      return Optional.empty();
    }
    Candidate best = null;
    for (char delimiter : CANDIDATES) {
      if (text.indexOf(delimiter) < 0) {
        continue; // every record would be one field: no table, and not worth splitting
      }
      Candidate candidate = evaluate(split.records(delimiter), delimiter);
      if (candidate != null && (best == null || candidate.beats(best))) {
        best = candidate;
      }
    }
    if (best == null) {
      return Optional.empty();
    }
    return Optional.of(new CsvDialect(best.delimiter(), hasHeader(best), best.columns()));
  }

  /**
   * Splits text into records of fields. Blank lines are skipped. A quote opens a quoted field only
   * at the start of a field (after optional spaces), so stray quotes in unquoted text stay literal
   * and cannot swallow the rest of the file. Runs of ordinary characters are taken whole: only a
   * quote, the delimiter and line breaks are looked at one by one.
   */
  static List<List<Field>> records(String text, char delimiter, boolean truncated) {
    List<List<Field>> records = new ArrayList<>();
    List<Field> record = new ArrayList<>();
    StringBuilder value = new StringBuilder();
    boolean quoted = false;
    boolean inQuotes = false;
    int i = 0;
    int n = text.length();
    while (i < n && records.size() < MAX_RECORDS) {
      if (inQuotes) {
        int quote = text.indexOf('"', i);
        int end = quote < 0 ? n : quote;
        value.append(text, i, end);
        i = end;
        if (quote < 0) {
          break;
        }
        i++;
        if (i < n && text.charAt(i) == '"') {
          value.append('"');
          i++;
        } else {
          inQuotes = false;
        }
        continue;
      }
      int special = nextSpecial(text, i, delimiter);
      value.append(text, i, special);
      if (special == n) {
        i = n;
        break;
      }
      char c = text.charAt(special);
      i = special + 1;
      if (c == '"' && !quoted && isSpaces(value)) {
        value.setLength(0);
        quoted = true;
        inQuotes = true;
      } else if (c == delimiter) {
        record.add(new Field(value.toString(), quoted));
        value.setLength(0);
        quoted = false;
      } else if (c == '\n' || c == '\r') {
        if (c == '\r' && i < n && text.charAt(i) == '\n') {
          i++;
        }
        record.add(new Field(value.toString(), quoted));
        if (!isBlank(record)) {
          records.add(record);
        }
        record = new ArrayList<>();
        value.setLength(0);
        quoted = false;
      } else {
        value.append(c); // a quote inside an unquoted field is literal
      }
    }
    boolean pending = !record.isEmpty() || quoted || value.length() > 0;
    if (i >= n && !truncated && pending) {
      record.add(new Field(value.toString(), quoted));
      if (!isBlank(record)) {
        records.add(record);
      }
    }
    return records;
  }

  /**
   * The index of the next quote, delimiter or line break at or after {@code from}, else the end.
   */
  private static int nextSpecial(String text, int from, char delimiter) {
    int n = text.length();
    for (int i = from; i < n; i++) {
      char c = text.charAt(i);
      if (c == delimiter || c == '"' || c == '\n' || c == '\r') {
        return i;
      }
    }
    return n;
  }

  static boolean isNumberOrDate(String value) {
    return NUMBER.matcher(value).matches() || DATE_OR_TIME.matcher(value).matches();
  }

  /** The field count most records have; ties go to the wider. */
  static int commonWidth(List<List<Field>> rows) {
    Map<Integer, Integer> widths = new HashMap<>();
    rows.forEach(row -> widths.merge(row.size(), 1, Integer::sum));
    int columns = 0;
    int agreeing = 0;
    for (Map.Entry<Integer, Integer> width : widths.entrySet()) {
      if (width.getValue() > agreeing
          || (width.getValue() == agreeing && width.getKey() > columns)) {
        columns = width.getKey();
        agreeing = width.getValue();
      }
    }
    return columns;
  }

  private static Candidate evaluate(List<List<Field>> rows, char delimiter) {
    if (rows.size() < 2) {
      return null;
    }
    int columns = commonWidth(rows);
    long agreeing = rows.stream().filter(row -> row.size() == columns).count();
    double consistency = (double) agreeing / rows.size();
    if (columns < 2 || consistency < MIN_CONSISTENCY) {
      return null;
    }
    Candidate candidate = new Candidate(delimiter, rows, columns, consistency);
    List<List<Field>> aligned = candidate.alignedRows();
    if (filledColumns(aligned, columns) < 2) {
      return null;
    }
    if (!hasTypedColumn(aligned.subList(1, aligned.size()), columns)
        && (readsLikeProse(aligned) || readsLikeCode(aligned))) {
      return null;
    }
    return candidate;
  }

  private static boolean hasHeader(Candidate candidate) {
    List<Field> first = candidate.rows().get(0);
    if (first.size() != candidate.columns()) {
      return false;
    }
    List<List<Field>> aligned = candidate.alignedRows();
    List<List<Field>> data = aligned.subList(1, aligned.size());
    Set<String> names = new HashSet<>();
    for (int column = 0; column < candidate.columns(); column++) {
      String name = first.get(column).value().strip();
      if (name.isEmpty() && values(data, column).isEmpty()) {
        continue; // padding, as trailing delimiters on every line of a spreadsheet export
      }
      if (name.isEmpty() || isNumberOrDate(name) || !names.add(name.toLowerCase(Locale.ROOT))) {
        return false;
      }
    }
    int votes = 0;
    for (int column = 0; column < candidate.columns(); column++) {
      String name = first.get(column).value().strip();
      List<String> values = values(data, column);
      if (values.contains(name)) {
        return false;
      }
      if (values.isEmpty()) {
        continue;
      }
      long typed = values.stream().filter(CsvSniffer::isNumberOrDate).count();
      if (typed >= MOSTLY * values.size()) {
        votes++;
      } else if (values.stream().allMatch(v -> v.length() == values.get(0).length())) {
        votes += values.get(0).length() == name.length() ? -1 : 1;
      }
    }
    return votes >= 0;
  }

  private static boolean hasTypedColumn(List<List<Field>> data, int columns) {
    for (int column = 0; column < columns; column++) {
      List<String> values = values(data, column);
      long typed = values.stream().filter(CsvSniffer::isNumberOrDate).count();
      if (!values.isEmpty() && typed >= MOSTLY * values.size()) {
        return true;
      }
    }
    return false;
  }

  private static int filledColumns(List<List<Field>> rows, int columns) {
    int filled = 0;
    for (int column = 0; column < columns; column++) {
      if (!values(rows, column).isEmpty()) {
        filled++;
      }
    }
    return filled;
  }

  private static boolean readsLikeProse(List<List<Field>> rows) {
    int fields = 0;
    int phrases = 0;
    int sentences = 0;
    for (List<Field> row : rows) {
      int words = 0;
      for (Field field : row) {
        int fieldWords = field.quoted() ? 0 : words(field.value());
        fields++;
        words += fieldWords;
        if (fieldWords >= PHRASE_WORDS) {
          phrases++;
        }
      }
      String end = lastValue(row);
      if (words >= SENTENCE_WORDS && endsWithAny(end, ".!?")) {
        sentences++;
      }
    }
    return phrases > 0.4 * fields || sentences > 0.5 * rows.size();
  }

  private static boolean readsLikeCode(List<List<Field>> rows) {
    long statements = rows.stream().filter(row -> endsWithAny(lastValue(row), ";{}(:")).count();
    return statements > 0.5 * rows.size();
  }

  private static List<String> values(List<List<Field>> rows, int column) {
    List<String> values = new ArrayList<>();
    for (List<Field> row : rows) {
      String value = row.get(column).value().strip();
      if (!value.isEmpty()) {
        values.add(value);
      }
    }
    return values;
  }

  private static String lastValue(List<Field> row) {
    for (int i = row.size() - 1; i >= 0; i--) {
      if (!row.get(i).quoted() && !row.get(i).value().isBlank()) {
        return row.get(i).value().strip();
      }
    }
    return "";
  }

  private static boolean endsWithAny(String value, String endings) {
    return !value.isEmpty() && endings.indexOf(value.charAt(value.length() - 1)) >= 0;
  }

  private static int words(String value) {
    int words = 0;
    boolean inWord = false;
    for (int i = 0; i < value.length(); i++) {
      boolean space = Character.isWhitespace(value.charAt(i));
      if (!space && !inWord) {
        words++;
      }
      inWord = !space;
    }
    return words;
  }

  private static boolean opensLikeMarkup(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (!Character.isWhitespace(c) && c != '\uFEFF') {
        return c == '{' || c == '[' || c == '<';
      }
    }
    return false;
  }

  private static boolean isSpaces(CharSequence value) {
    for (int i = 0; i < value.length(); i++) {
      if (value.charAt(i) != ' ') {
        return false;
      }
    }
    return true;
  }

  private static boolean isBlank(List<Field> record) {
    return record.size() == 1 && !record.get(0).quoted() && record.get(0).value().isBlank();
  }
}
