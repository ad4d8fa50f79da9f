package io.fileparser.upload.validation;

/** Generated CDR exports in the layouts {@code CdrSniffer} knows, optionally with broken lines. */
final class CdrSamples {

  private CdrSamples() {}

  /**
   * An Asterisk {@code Master.csv} of {@code records} lines; every {@code brokenEvery}-th line (0:
   * none) is broken, alternately cut short and given an impossible start time.
   */
  static String asterisk(int records, int brokenEvery) {
    StringBuilder csv = new StringBuilder();
    for (int i = 1; i <= records; i++) {
      boolean broken = brokenEvery > 0 && i % brokenEvery == 0;
      if (broken && (i / brokenEvery) % 2 == 1) {
        csv.append("\"\",\"").append(1000 + i).append("\",\"2000\",\"default\"\n");
        continue;
      }
      String start = broken ? "2024-13-45 99:99:99" : time(i, 0);
      csv.append("\"\",\"")
          .append(1000 + i)
          .append("\",\"2000\",\"from-internal\",\"\"\"Desk ")
          .append(i)
          .append("\"\" <")
          .append(1000 + i)
          .append(">\",\"SIP/")
          .append(1000 + i)
          .append("-0000001a\",\"SIP/2000-0000001b\",\"Dial\",\"SIP/2000,30,tT\",\"")
          .append(start)
          .append("\",\"")
          .append(time(i, 3))
          .append("\",\"")
          .append(time(i, 63))
          .append("\",63,60,\"ANSWERED\",\"DOCUMENTATION\",\"1704448800.")
          .append(i)
          .append("\",\"\"\n");
    }
    return csv.toString();
  }

  /**
   * A CDR table with a header naming caller, callee, start time and duration; every {@code
   * brokenEvery}-th record (0: none) has no timestamp in its start column.
   */
  static String headerCsv(int records, int brokenEvery, char delimiter) {
    String d = String.valueOf(delimiter);
    StringBuilder csv = new StringBuilder(String.join(d, "call_id", "caller", "callee"));
    csv.append(d).append("start_time").append(d).append("duration\n");
    for (int i = 1; i <= records; i++) {
      boolean broken = brokenEvery > 0 && i % brokenEvery == 0;
      csv.append(i)
          .append(d)
          .append("+4930")
          .append(1_000_000 + i)
          .append(d)
          .append("+4940")
          .append(2_000_000 + i)
          .append(d)
          .append(broken ? "unknown" : time(i, 0))
          .append(d)
          .append(i % 600)
          .append('\n');
    }
    return csv.toString();
  }

  /**
   * A fixed-width switch export of {@code records} lines of 72 characters; every {@code
   * brokenEvery}-th line (0: none) is cut to 40.
   */
  static String fixedWidth(int records, int brokenEvery) {
    StringBuilder text = new StringBuilder();
    for (int i = 1; i <= records; i++) {
      String line =
          String.format(
              "%s  %-16s%-16s%6d  %-8s  TRK%03d",
              compactTime(i),
              "4930" + (1_000_000 + i),
              "4940" + (2_000_000 + i),
              i % 600,
              "ANSWER",
              i % 100);
      if (brokenEvery > 0 && i % brokenEvery == 0) {
        line = line.substring(0, 40);
      }
      text.append(line).append("\r\n");
    }
    return text.toString();
  }

  private static String time(int i, int plusSeconds) {
    int seconds = i * 7 + plusSeconds;
    return String.format(
        "2024-01-%02d %02d:%02d:%02d",
        1 + (seconds / 86_400) % 28, (seconds / 3600) % 24, (seconds / 60) % 60, seconds % 60);
  }

  private static String compactTime(int i) {
    return time(i, 0).replaceAll("[- :]", "");
  }
}
