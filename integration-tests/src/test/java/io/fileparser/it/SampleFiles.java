package io.fileparser.it;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Real files of each kind the API accepts, and some it must refuse. */
final class SampleFiles {

  private SampleFiles() {}

  /** A small invoice table; {@code variant} makes the bytes (and so the hash) unique. */
  static byte[] csv(String variant) {
    return ("invoice,customer,amount,date\n"
            + "INV-001,Acme Corp,120.50,2026-01-05\n"
            + "INV-002,Globex,99.00,2026-01-06\n"
            + "INV-003,Initech,"
            + Math.abs(variant.hashCode() % 1000)
            + ".25,2026-01-07\n"
            + "INV-004,"
            + variant.replaceAll("[^A-Za-z0-9 -]", "")
            + ",10.00,2026-01-08\n")
        .getBytes(StandardCharsets.UTF_8);
  }

  /** An Asterisk {@code Master.csv} export (cdr_csv, no header), as the PBX writes it. */
  static byte[] asteriskCdr() {
    return String.join(
            "\n",
            "\"\",\"1001\",\"2002\",\"from-internal\",\"\"\"Alice\"\" <1001>\","
                + "\"SIP/1001-00000001\",\"SIP/2002-00000002\",\"Dial\",\"SIP/2002,30\","
                + "\"2026-01-05 10:00:00\",\"2026-01-05 10:00:03\",\"2026-01-05 10:02:03\","
                + "123,120,\"ANSWERED\",\"DOCUMENTATION\",\"1704448800.1\",\"\"",
            "\"\",\"1002\",\"5551234\",\"from-internal\",\"\"\"Bob\"\" <1002>\","
                + "\"SIP/1002-00000003\",\"SIP/trunk-00000004\",\"Dial\",\"SIP/trunk/5551234,60\","
                + "\"2026-01-05 10:05:00\",\"\",\"2026-01-05 10:05:30\","
                + "30,0,\"NO ANSWER\",\"DOCUMENTATION\",\"1704449100.3\",\"\"",
            "\"\",\"2002\",\"1001\",\"from-internal\",\"\"\"Carol\"\" <2002>\","
                + "\"SIP/2002-00000005\",\"SIP/1001-00000006\",\"Dial\",\"SIP/1001,30\","
                + "\"2026-01-05 11:00:00\",\"\",\"2026-01-05 11:00:05\","
                + "5,0,\"BUSY\",\"DOCUMENTATION\",\"1704452400.5\",\"\"",
            "\"\",\"1001\",\"4930123456\",\"from-internal\",\"\"\"Alice\"\" <1001>\","
                + "\"SIP/1001-00000007\",\"SIP/trunk-00000008\",\"Dial\","
                + "\"SIP/trunk/4930123456,60\","
                + "\"2026-01-05 12:00:00\",\"2026-01-05 12:00:10\",\"2026-01-05 12:15:10\","
                + "910,900,\"ANSWERED\",\"DOCUMENTATION\",\"1704456000.7\",\"\"",
            "")
        .getBytes(StandardCharsets.UTF_8);
  }

  /** A one-page PDF 1.4 with a correct cross-reference table. */
  static byte[] pdf() {
    return pdf("<< /Type /Catalog /Pages 2 0 R >>");
  }

  /** A PDF that runs JavaScript when opened (an /OpenAction of type /JavaScript). */
  static byte[] pdfWithJavaScript() {
    return pdf(
        "<< /Type /Catalog /Pages 2 0 R /OpenAction 6 0 R >>",
        "<< /Type /Action /S /JavaScript /JS (app.alert\\(1\\);) >>");
  }

  /**
   * A one-page PDF 1.4 of text pieces each drawn at its own place, as invoicing tools lay out a
   * label and its value: {@code {x, y, text}} in points from the bottom left (ASCII text without
   * parentheses or backslashes).
   */
  static byte[] pdfText(String[]... pieces) {
    StringBuilder content = new StringBuilder();
    for (String[] piece : pieces) {
      content
          .append("BT /F1 11 Tf ")
          .append(piece[0])
          .append(' ')
          .append(piece[1])
          .append(" Td (")
          .append(piece[2])
          .append(") Tj ET\n");
    }
    return pdfWith(content.toString().strip(), "<< /Type /Catalog /Pages 2 0 R >>");
  }

  private static byte[] pdf(String catalog, String... extraObjects) {
    return pdfWith("BT /F1 24 Tf 72 720 Td (Invoice INV-001) Tj ET", catalog, extraObjects);
  }

  private static byte[] pdfWith(String content, String catalog, String... extraObjects) {
    String[] base = {
      catalog,
      "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
      "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R"
          + " /Resources << /Font << /F1 5 0 R >> >> >>",
      "<< /Length " + content.length() + " >>\nstream\n" + content + "\nendstream",
      "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"
    };
    String[] objects = java.util.Arrays.copyOf(base, base.length + extraObjects.length);
    System.arraycopy(extraObjects, 0, objects, base.length, extraObjects.length);
    ByteArrayOutputStream pdf = new ByteArrayOutputStream();
    write(pdf, "%PDF-1.4\n%\u00e2\u00e3\u00cf\u00d3\n");
    long[] offsets = new long[objects.length];
    for (int i = 0; i < objects.length; i++) {
      offsets[i] = pdf.size();
      write(pdf, (i + 1) + " 0 obj\n" + objects[i] + "\nendobj\n");
    }
    long xref = pdf.size();
    StringBuilder table = new StringBuilder("xref\n0 " + (objects.length + 1) + "\n");
    table.append("0000000000 65535 f \n");
    for (long offset : offsets) {
      table.append(String.format("%010d 00000 n \n", offset));
    }
    table.append("trailer\n<< /Size ").append(objects.length + 1).append(" /Root 1 0 R >>\n");
    table.append("startxref\n").append(xref).append("\n%%EOF\n");
    write(pdf, table.toString());
    return pdf.toByteArray();
  }

  /** The 68-byte EICAR test file every virus scanner reports, and nothing else does. */
  static byte[] eicar() {
    return "X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*"
        .getBytes(StandardCharsets.US_ASCII);
  }

  /** The start of a Windows PE executable: DOS header, stub and PE signature. */
  static byte[] windowsExecutable() {
    byte[] exe = new byte[512];
    exe[0] = 'M';
    exe[1] = 'Z';
    exe[0x3C] = (byte) 0x80;
    byte[] stub = "This program cannot be run in DOS mode.".getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(stub, 0, exe, 0x4E, stub.length);
    exe[0x80] = 'P';
    exe[0x81] = 'E';
    exe[0x84] = 0x4C;
    exe[0x85] = 0x01;
    return exe;
  }

  /** A 1x1 PNG image. */
  static byte[] png() {
    return HexFormat.of()
        .parseHex(
            "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489"
                + "0000000b49444154789c6360000200000500017a5eab3f0000000049454e44ae426082");
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void write(ByteArrayOutputStream out, String text) {
    out.writeBytes(text.getBytes(StandardCharsets.ISO_8859_1));
  }
}
