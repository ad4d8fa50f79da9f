package io.fileparser.upload.detection;

import static io.fileparser.upload.detection.CdrSniffer.ASTERISK_MASTER_CSV;
import static io.fileparser.upload.detection.CdrSniffer.CDR_CSV_HEADER;
import static io.fileparser.upload.detection.CdrSniffer.FIXED_WIDTH_SWITCH;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CdrSnifferTest {

  private final CdrSniffer sniffer = new CdrSniffer();

  @Test
  void recognisesAsteriskMasterCsvWithUniqueIdAndUserField() {
    assertEquals(Optional.of(ASTERISK_MASTER_CSV), sniffer.sniff(asteriskMaster(true), false));
  }

  @Test
  void recognisesAsteriskMasterCsvWithTheSixteenBaseColumns() {
    assertEquals(Optional.of(ASTERISK_MASTER_CSV), sniffer.sniff(asteriskMaster(false), false));
  }

  @Test
  void recognisesAsteriskMasterCsvCutMidRecord() {
    String text = asteriskMaster(true);
    String cut = text.substring(0, text.length() - 40);

    assertEquals(Optional.of(ASTERISK_MASTER_CSV), sniffer.sniff(cut, true));
  }

  @Test
  void recognisesASingleAsteriskRecord() {
    String row =
        asteriskRow(
            "1001", "1002", "2024-01-15 10:23:45", "", "2024-01-15 10:23:59", 14, 0, "BUSY");

    assertEquals(Optional.of(ASTERISK_MASTER_CSV), sniffer.sniff(row, false));
  }

  @Test
  void rejectsAsteriskLikeRowsWithUnknownDisposition() {
    String text = asteriskMaster(true).replaceAll("\"(ANSWERED|NO ANSWER|BUSY)\"", "\"OK\"");

    assertEquals(Optional.empty(), sniffer.sniff(text, false));
  }

  @Test
  void rejectsAsteriskLikeRowsWithOtherDateFormat() {
    String text = asteriskMaster(true).replaceAll("2024-01-15 (\\d\\d:\\d\\d)", "15/01/2024 $1");

    assertEquals(Optional.empty(), sniffer.sniff(text, false));
  }

  @Test
  void rejectsAsteriskLikeRowsWithTooFewColumns() {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < 4; i++) {
      text.append("\"1001\",\"1002\",\"2024-01-15 10:23:45\",\"2024-01-15 10:23:50\",")
          .append("\"2024-01-15 10:25:12\",87,82,\"ANSWERED\"\n");
    }

    assertEquals(Optional.empty(), sniffer.sniff(text.toString(), false));
  }

  @Test
  void recognisesHeaderNamingCallRecordFields() {
    List<String> headers =
        List.of(
            "caller,callee,start,billsec",
            "Calling Number;Called Number;Start Time;Duration",
            "A-Number|B-Number|Setup_Time|Dur",
            "id\tsrc\tdst\tcalldate\tduration\tdisposition",
            "Call ID,From,To,Timestamp,Call Duration,Cost");
    for (String header : headers) {
      char delimiter = header.contains(";") ? ';' : header.contains("|") ? '|' : ',';
      delimiter = header.contains("\t") ? '\t' : delimiter;
      int columns = header.split("[,;|\t]").length;
      StringBuilder text = new StringBuilder(header).append('\n');
      for (int row = 0; row < 3; row++) {
        String[] values = {"+4930123456", "+4940987654", "2024-01-15 10:23:45", "87", "7", "1"};
        for (int column = 0; column < columns; column++) {
          text.append(column == 0 ? "" : String.valueOf(delimiter)).append(values[column % 6]);
        }
        text.append('\n');
      }

      assertEquals(Optional.of(CDR_CSV_HEADER), sniffer.sniff(text.toString(), false), header);
    }
  }

  @Test
  void rejectsHeaderThatNamesOnlySomeCallRecordFields() {
    String withoutDuration =
        "from,to,date,subject\n"
            + "alice@example.org,bob@example.org,2024-01-15,Lunch\n"
            + "bob@example.org,alice@example.org,2024-01-16,Re: Lunch\n";
    String withoutTimes = "caller,callee,amount,notes\n1001,1002,3.50,ok\n1003,1004,1.20,late\n";

    assertEquals(Optional.empty(), sniffer.sniff(withoutDuration, false));
    assertEquals(Optional.empty(), sniffer.sniff(withoutTimes, false));
  }

  @Test
  void rejectsOrdinaryCsv() {
    String text = "id,name,amount\n1,Alice,10.50\n2,Bob,7.25\n3,Carol,3.00\n";

    assertEquals(Optional.empty(), sniffer.sniff(text, false));
  }

  @Test
  void recognisesFixedWidthSwitchExportWithCompactTimestamps() {
    assertEquals(Optional.of(FIXED_WIDTH_SWITCH), sniffer.sniff(fixedWidth(8, true), false));
  }

  @Test
  void recognisesFixedWidthSwitchExportWithSeparatedTimestampsAndATitleLine() {
    String text = "SWITCH 7 CALL EXPORT\n" + fixedWidth(6, false);

    assertEquals(Optional.of(FIXED_WIDTH_SWITCH), sniffer.sniff(text, false));
  }

  @Test
  void recognisesShortFixedWidthExportWithTitleLabelsAndTotals() {
    String text =
        "SWITCH 7 CALL EXPORT 2024-01-15\n"
            + "START          CALLER           CALLEE           DURATN DISP\n"
            + fixedWidth(3, true)
            + "TOTAL 3 CALLS\n";

    assertEquals(Optional.of(FIXED_WIDTH_SWITCH), sniffer.sniff(text, false));
  }

  @Test
  void rejectsReportWhoseLinesAreMostlyNotCalls() {
    String text =
        "SWITCH 7 CALL EXPORT 2024-01-15\n"
            + "Exported by the night shift for the monthly review\n"
            + "Only answered calls of trunk group 7 are listed\n"
            + "Times are local\n"
            + fixedWidth(3, true)
            + "TOTAL 3 CALLS\n";

    assertEquals(Optional.empty(), sniffer.sniff(text, false));
  }

  @Test
  void recognisesFixedWidthLinesWithTrailingSpacesTrimmed() {
    String text = fixedWidth(6, true).replaceAll(" +\n", "\n");

    assertEquals(Optional.of(FIXED_WIDTH_SWITCH), sniffer.sniff(text, false));
  }

  @Test
  void recognisesFixedWidthSwitchExportCutMidLine() {
    String text = fixedWidth(6, true);

    assertEquals(
        Optional.of(FIXED_WIDTH_SWITCH),
        sniffer.sniff(text.substring(0, text.length() - 20), true));
  }

  @Test
  void rejectsFixedWidthExportOfTwoLines() {
    assertEquals(Optional.empty(), sniffer.sniff(fixedWidth(2, true), false));
  }

  @Test
  void rejectsRaggedLines() {
    String text =
        "20240115102345 4930123456 4940987654 87\n"
            + "20240115103012 493012 4940987654 000000012 ANSWERED BY VOICEMAIL\n"
            + "20240115104500 4930123456789 49409 3\n"
            + "20240115110000 4930 4940987654 12345 NO ANSWER AFTER 30 SECONDS OF RINGING\n";

    assertEquals(Optional.empty(), sniffer.sniff(text, false));
  }

  @Test
  void rejectsFixedWidthLinesWithoutPhoneNumbers() {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < 5; i++) {
      text.append(String.format("20240115%06d ALICE      BOB        %06d\n", 102345 + i, 87 + i));
    }

    assertEquals(Optional.empty(), sniffer.sniff(text.toString(), false));
  }

  @Test
  void rejectsSwitchExportSplitByADelimiter() {
    String text = fixedWidth(6, true).replace(' ', '|').replaceAll("\\|+", "|");

    assertEquals(Optional.empty(), sniffer.sniff(text, false));
  }

  @Test
  void rejectsProse() {
    String text =
        "The switch was replaced on 2024-01-15 10:23:45 by the night shift.\n"
            + "Numbers 4930123456 and 4940987654 were moved to the new trunk group.\n"
            + "Nobody noticed.\n";

    assertEquals(Optional.empty(), sniffer.sniff(text, false));
  }

  static String asteriskMaster(boolean withUniqueIdAndUserField) {
    String text =
        asteriskRow(
                "1001",
                "1002",
                "2024-01-15 10:23:45",
                "2024-01-15 10:23:50",
                "2024-01-15 10:25:12",
                87,
                82,
                "ANSWERED")
            + asteriskRow(
                "1003",
                "004930123456",
                "2024-01-15 11:00:00",
                "",
                "2024-01-15 11:00:30",
                30,
                0,
                "NO ANSWER")
            + asteriskRow(
                "1002", "1001", "2024-01-15 11:05:10", "", "2024-01-15 11:05:12", 2, 0, "BUSY")
            + asteriskRow(
                "1004", "1005", "2024-01-15 12:00:00", "", "2024-01-15 12:00:01", 1, 0, "FAILED")
            + asteriskRow(
                "1001",
                "1006",
                "2024-01-15 12:30:00",
                "2024-01-15 12:30:09",
                "2024-01-15 12:41:40",
                700,
                691,
                "ANSWERED");
    return withUniqueIdAndUserField ? text : text.replaceAll(",\"[0-9.]+\",\"[^\"]*\"\n", "\n");
  }

  static String asteriskRow(
      String src,
      String dst,
      String start,
      String answer,
      String end,
      int duration,
      int billsec,
      String disposition) {
    return String.join(
            ",",
            quoted(""),
            quoted(src),
            quoted(dst),
            quoted("from-internal"),
            quoted("\"Alice, Sales\" <" + src + ">"),
            quoted("SIP/" + src + "-0000001a"),
            quoted("SIP/" + dst + "-0000001b"),
            quoted("Dial"),
            quoted("SIP/" + dst + ",30,tT"),
            quoted(start),
            answer.isEmpty() ? "" : quoted(answer),
            quoted(end),
            String.valueOf(duration),
            String.valueOf(billsec),
            quoted(disposition),
            quoted("DOCUMENTATION"),
            quoted("1705314225." + duration),
            quoted(""))
        + "\n";
  }

  /** Lines of a switch export: timestamp, A number, B number, seconds, outcome. */
  static String fixedWidth(int lines, boolean compactTimestamps) {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < lines; i++) {
      String timestamp =
          compactTimestamps
              ? String.format("202401151%05d", 2345 + i * 100)
              : String.format("2024-01-15 1%d:23:45", i % 10);
      text.append(
          String.format(
              "%s %-16s %-16s %06d %-5s \n",
              timestamp,
              "00493012345" + i,
              "0049409876" + (i * 37),
              87 + i * 13,
              i % 3 == 0 ? "NOANS" : "ANS"));
    }
    return text.toString();
  }

  private static String quoted(String value) {
    return '"' + value.replace("\"", "\"\"") + '"';
  }
}
