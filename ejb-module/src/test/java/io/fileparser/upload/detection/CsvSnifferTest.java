package io.fileparser.upload.detection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fileparser.upload.detection.CsvSniffer.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CsvSnifferTest {

  private final CsvSniffer sniffer = new CsvSniffer();

  @Test
  void recognisesCommaSeparatedTableWithHeader() {
    String text = "id,name,amount\n1,Alice,10.50\n2,Bob,7.25\n3,Carol,3.00\n";

    assertEquals(Optional.of(new CsvDialect(',', true, 3)), sniffer.sniff(text));
  }

  @Test
  void recognisesSemicolonTableWithDecimalCommas() {
    String text = "Artikel;Preis;Menge\nÄpfel;1,99;3\nBirnen;2,49;10\nKiwi;0,5;7\n";

    assertEquals(Optional.of(new CsvDialect(';', true, 3)), sniffer.sniff(text));
  }

  @Test
  void recognisesTabSeparatedTableWhoseCellsContainCommas() {
    String text =
        "date\tcity\tnote\n"
            + "2024-01-01\tOslo\tcold, windy\n"
            + "2024-01-02\tBergen\train\n"
            + "2024-01-03\tTromsø\tdark, snow, ice\n";

    assertEquals(Optional.of(new CsvDialect('\t', true, 3)), sniffer.sniff(text));
  }

  @Test
  void recognisesPipeSeparatedTable() {
    String text = "sku|qty|price\nA-1|4|9.99\nB-2|1|19.00\n";

    assertEquals(Optional.of(new CsvDialect('|', true, 3)), sniffer.sniff(text));
  }

  @Test
  void quotedFieldsMayHoldDelimitersQuotesAndLineBreaks() {
    String text =
        "id,comment,amount\r\n"
            + "1,\"Hello, world\",5\r\n"
            + "2,\"Line one\nline two, with a comma\",6\r\n"
            + "3,\"She said \"\"hi\"\", then left\",7\r\n"
            + "4, \"spaced, quoted\",8\r\n";

    assertEquals(Optional.of(new CsvDialect(',', true, 3)), sniffer.sniff(text));
  }

  @Test
  void prefersTheDelimiterGivingMoreColumnsWhenBothAreConsistent() {
    String text = "a;b;c,d\n1;2;3,4\n5;6;7,8\n";

    assertEquals(';', sniffer.sniff(text).orElseThrow().delimiter());
  }

  @Test
  void prefersTheMoreConsistentDelimiterOverTheWiderOne() {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < 9; i++) {
      text.append("r").append(i).append(',').append(i).append(',').append(i * 2);
      text.append(';').append(i * 3).append('\n');
    }
    text.append("x;y,z,w,v\n");

    assertEquals(';', sniffer.sniff(text.toString()).orElseThrow().delimiter());
  }

  @Test
  void ignoresTheLastLineOfTruncatedText() {
    String text = "a,b,c\n1,2,3\n4,5,6\n7,8";

    assertEquals(Optional.of(new CsvDialect(',', true, 3)), sniffer.sniff(text, true));
    assertEquals(Optional.empty(), sniffer.sniff(text), "as a whole file, 3 of 4 rows agree");
  }

  @Test
  void ignoresAQuotedFieldCutByTruncation() {
    String text = "id,comment\n1,short\n2,\"long comment\nthat goes on, and on";

    assertEquals(Optional.of(new CsvDialect(',', true, 2)), sniffer.sniff(text, true));
  }

  @Test
  void skipsBlankLines() {
    String text = "a,b\n\n1,2\n   \n3,4\n\n";

    assertEquals(Optional.of(new CsvDialect(',', true, 2)), sniffer.sniff(text));
  }

  @Test
  void toleratesAFewRowsOfAnotherWidth() {
    StringBuilder text = new StringBuilder("id,value\n");
    for (int i = 0; i < 20; i++) {
      text.append(i).append(',').append(i * 3).append('\n');
    }
    text.append("total,570,extra\n");

    assertEquals(Optional.of(new CsvDialect(',', true, 2)), sniffer.sniff(text.toString()));
  }

  @Test
  void acceptsAHeaderAndOneRow() {
    assertEquals(Optional.of(new CsvDialect(',', true, 2)), sniffer.sniff("a,b\n1,2"));
  }

  @Test
  void reportsNoHeaderWhenTheFirstRowIsData() {
    String text = "1,Alice,10.50\n2,Bob,7.25\n3,Carol,3.00\n";

    assertEquals(Optional.of(new CsvDialect(',', false, 3)), sniffer.sniff(text));
  }

  @Test
  void reportsNoHeaderWhenTheFirstRowValuesRecurBelow() {
    String text = "open,high\nclosed,low\nopen,high\n";

    assertFalse(sniffer.sniff(text).orElseThrow().hasHeader());
  }

  @Test
  void reportsNoHeaderWhenCodesHaveTheSameLengthAsTheFirstRow() {
    String text = "ABC,XYZ\nDEF,UVW\nGHI,RST\n";

    assertFalse(sniffer.sniff(text).orElseThrow().hasHeader());
  }

  @Test
  void takesAHeaderOverPaddingColumnsAsHeader() {
    String text = "a,b,c,,\n1,2,3,,\n4,5,6,,\n";

    assertEquals(Optional.of(new CsvDialect(',', true, 5)), sniffer.sniff(text));
  }

  @Test
  void reportsNoHeaderWhenTheFirstRowLeavesAColumnWithValuesUnnamed() {
    String text = "id,,amount\n1,x,2\n3,y,4\n";

    assertFalse(sniffer.sniff(text).orElseThrow().hasHeader());
  }

  @Test
  void takesTextOnlyFirstRowAsHeader() {
    String text = "name,city\nAlice,Paris\nBob,Rome\n";

    assertTrue(sniffer.sniff(text).orElseThrow().hasHeader());
  }

  @Test
  void acceptsAFreeTextColumnNextToANumericOne() {
    String text =
        "id,comment\n"
            + "1,The delivery arrived two days late.\n"
            + "2,Customer asked for a refund today.\n"
            + "3,Package was left at the wrong door.\n";

    assertEquals(Optional.of(new CsvDialect(',', true, 2)), sniffer.sniff(text));
  }

  @Test
  void rejectsSingleColumnText() {
    assertEquals(Optional.empty(), sniffer.sniff("apple\nbanana\ncherry\ndate\n"));
  }

  @Test
  void rejectsSingleRow() {
    assertEquals(Optional.empty(), sniffer.sniff("a,b,c\n"));
  }

  @Test
  void rejectsEmptyText() {
    assertEquals(Optional.empty(), sniffer.sniff(""));
  }

  @Test
  void rejectsProseParagraph() {
    String text =
        "It was a bright cold day in April, and the clocks were striking thirteen.\n"
            + "Winston Smith, his chin nuzzled into his breast in an effort to escape the\n"
            + "vile wind, slipped quickly through the glass doors of Victory Mansions,\n"
            + "though not quickly enough to prevent a swirl of gritty dust from entering\n"
            + "along with him. The hallway smelt of boiled cabbage and old rag mats.\n";

    assertEquals(Optional.empty(), sniffer.sniff(text));
  }

  @Test
  void rejectsProseWithOneCommaPerLine() {
    String text =
        "However, the committee decided to postpone the vote.\n"
            + "In the morning, we walked down to the old harbour.\n"
            + "After lunch, everyone went back to work.\n"
            + "Finally, the rain stopped and the sun came out.\n";

    assertEquals(Optional.empty(), sniffer.sniff(text));
  }

  @Test
  void rejectsPrettyPrintedJson() {
    String text =
        "{\n"
            + "  \"id\": 1,\n"
            + "  \"name\": \"Alice\",\n"
            + "  \"tags\": [\"a\", \"b\"],\n"
            + "  \"amount\": 10.5\n"
            + "}\n";

    assertEquals(Optional.empty(), sniffer.sniff(text));
  }

  @Test
  void rejectsJsonLines() {
    String text =
        "{\"id\": 1, \"name\": \"Alice\", \"amount\": 10.5}\n"
            + "{\"id\": 2, \"name\": \"Bob\", \"amount\": 7.25}\n"
            + "{\"id\": 3, \"name\": \"Carol\", \"amount\": 3}\n";

    assertEquals(Optional.empty(), sniffer.sniff(text));
  }

  @Test
  void rejectsXml() {
    String text =
        "<?xml version=\"1.0\"?>\n"
            + "<rows>\n"
            + "  <row id=\"1\" name=\"Alice\" amount=\"10.5\"/>\n"
            + "  <row id=\"2\" name=\"Bob\" amount=\"7.25\"/>\n"
            + "</rows>\n";

    assertEquals(Optional.empty(), sniffer.sniff(text));
  }

  @Test
  void rejectsJavaSource() {
    String text =
        "package demo;\n\n"
            + "import java.util.List;\n\n"
            + "public class Totals {\n"
            + "  public int sum(List<Integer> values, int start) {\n"
            + "    int total = start;\n"
            + "    for (int v : values) {\n"
            + "      total += v;\n"
            + "    }\n"
            + "    return total;\n"
            + "  }\n"
            + "}\n";

    assertEquals(Optional.empty(), sniffer.sniff(text));
  }

  @Test
  void rejectsStatementsThatSplitEvenly() {
    String text =
        "assertEquals(1, add(0, 1));\n"
            + "assertEquals(3, add(1, 2));\n"
            + "assertEquals(5, add(2, 3));\n"
            + "assertEquals(7, add(3, 4));\n";

    assertEquals(Optional.empty(), sniffer.sniff(text));
  }

  @Test
  void rejectsStatementsEndingInSemicolons() {
    String text = "int a = 1;\nint b = 2;\nint c = a + b;\nreturn c;\n";

    assertEquals(Optional.empty(), sniffer.sniff(text));
  }

  @Test
  void rejectsPythonSource() {
    String text =
        "def add(a, b):\n"
            + "    return a + b\n\n\n"
            + "def scale(values, factor):\n"
            + "    return [v * factor for v in values]\n\n\n"
            + "print(add(1, 2), scale([1, 2], 3))\n";

    assertEquals(Optional.empty(), sniffer.sniff(text));
  }

  @Test
  void splitsRecordsAsCharacterByCharacterReadingDoes() {
    // Texts of the characters the splitter treats apart, and a few ordinary ones: quotes opening
    // and closing fields, doubled quotes, stray quotes, spaces before quotes, CR, LF and CRLF,
    // blank lines, a quote left open at the end.
    char[] alphabet = {'a', 'b', '1', ' ', ' ', ',', ';', '\t', '|', '"', '"', '\n', '\r'};
    Random random = new Random(20261202);
    for (int round = 0; round < 20_000; round++) {
      StringBuilder text = new StringBuilder();
      int length = random.nextInt(120);
      for (int i = 0; i < length; i++) {
        text.append(alphabet[random.nextInt(alphabet.length)]);
      }
      for (char delimiter : new char[] {',', ';', '\t', '|'}) {
        for (boolean truncated : new boolean[] {false, true}) {
          assertEquals(
              readCharByChar(text.toString(), delimiter, truncated),
              CsvSniffer.records(text.toString(), delimiter, truncated),
              () -> "text " + text.toString().replace("\n", "\\n").replace("\r", "\\r"));
        }
      }
    }
  }

  @Test
  void stopsAfterTheRecordLimitAsCharacterByCharacterReadingDoes() {
    String text = "a,\"b\"\"c\",d\r\n".repeat(1_500);

    List<List<Field>> records = CsvSniffer.records(text, ',', false);

    assertEquals(1_000, records.size());
    assertEquals(readCharByChar(text, ',', false), records);
  }

  /** The splitting rules read one character at a time, as the splitter first did. */
  private static List<List<Field>> readCharByChar(String text, char delimiter, boolean truncated) {
    List<List<Field>> records = new ArrayList<>();
    List<Field> record = new ArrayList<>();
    StringBuilder value = new StringBuilder();
    boolean quoted = false;
    boolean inQuotes = false;
    int i = 0;
    int n = text.length();
    while (i < n && records.size() < 1000) {
      char c = text.charAt(i++);
      if (inQuotes) {
        if (c != '"') {
          value.append(c);
        } else if (i < n && text.charAt(i) == '"') {
          value.append('"');
          i++;
        } else {
          inQuotes = false;
        }
      } else if (c == '"' && !quoted && value.toString().chars().allMatch(ch -> ch == ' ')) {
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
        if (!blank(record)) {
          records.add(record);
        }
        record = new ArrayList<>();
        value.setLength(0);
        quoted = false;
      } else {
        value.append(c);
      }
    }
    boolean pending = !record.isEmpty() || quoted || value.length() > 0;
    if (i >= n && !truncated && pending) {
      record.add(new Field(value.toString(), quoted));
      if (!blank(record)) {
        records.add(record);
      }
    }
    return records;
  }

  private static boolean blank(List<Field> record) {
    return record.size() == 1 && !record.get(0).quoted() && record.get(0).value().isBlank();
  }
}
