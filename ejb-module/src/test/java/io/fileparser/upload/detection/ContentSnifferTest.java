package io.fileparser.upload.detection;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.nio.charset.StandardCharsets.UTF_16LE;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fileparser.files.entity.FileFormat;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.apache.tika.mime.MediaType;
import org.apache.tika.mime.MediaTypeRegistry;
import org.apache.tika.mime.MimeTypes;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class ContentSnifferTest {

  private static final String CSV = "id,name,amount\n1,Alice,10.50\n2,Bob,7.25\n3,Carol,3.00\n";

  private final ContentSniffer sniffer = new ContentSniffer();

  @Test
  void recognisesMinimalPdf() {
    assertEquals(new Detection("application/pdf", FileFormat.PDF, null), detect(minimalPdf()));
  }

  @Test
  void recognisesPdfAfterLeadingJunk() {
    byte[] junk = "Content-Type: application/pdf\r\n\r\n".getBytes(US_ASCII);

    assertEquals(FileFormat.PDF, detect(concat(junk, minimalPdf())).format());
  }

  @Test
  void recognisesPdfHeaderNearTheEndOfTheFirstKilobyte() {
    byte[] junk = new byte[1000];
    Arrays.fill(junk, (byte) ' ');

    assertEquals(FileFormat.PDF, detect(concat(junk, minimalPdf())).format());
  }

  @Test
  void rejectsPdfHeaderBeyondTheFirstKilobyte() {
    byte[] junk = new byte[2000];
    Arrays.fill(junk, (byte) ' ');

    assertFalse(detect(concat(junk, minimalPdf())).isSupported());
  }

  @Test
  void rejectsWindowsExecutable() {
    Detection detection = detect(portableExecutable());

    assertFalse(detection.isSupported());
    assertNotNull(detection.mimeType());
    assertFalse(detection.mimeType().startsWith("text/"), detection.mimeType());
    assertTrue(detection.mimeType().startsWith("application/x-"), detection.mimeType());
  }

  @Test
  void rejectsCsvThatStartsWithExecutableMagic() {
    Detection detection = detect("MZ,total\n1,2\n3,4\n".getBytes(US_ASCII));

    assertEquals(new Detection("application/x-msdownload", null, null), detection);
  }

  @Test
  void rejectsZipEvenWhenItHoldsCsv() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      zip.putNextEntry(new ZipEntry("data.csv"));
      zip.write(CSV.getBytes(UTF_8));
      zip.closeEntry();
    }

    assertEquals(new Detection("application/zip", null, null), detect(bytes.toByteArray()));
  }

  @Test
  void rejectsGzipEvenWhenItHoldsCsv() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
      gzip.write(CSV.getBytes(UTF_8));
    }

    assertEquals(new Detection("application/gzip", null, null), detect(bytes.toByteArray()));
  }

  @Test
  void rejectsPng() {
    byte[] png = {
      (byte) 0x89,
      'P',
      'N',
      'G',
      '\r',
      '\n',
      0x1A,
      '\n',
      0,
      0,
      0,
      13,
      'I',
      'H',
      'D',
      'R',
      0,
      0,
      0,
      1,
      0,
      0,
      0,
      1,
      8,
      6,
      0,
      0,
      0,
      0x1F,
      0x15,
      (byte) 0xC4,
      (byte) 0x89
    };

    assertEquals(new Detection("image/png", null, null), detect(png));
  }

  @Test
  void rejectsTextContainingNul() {
    Detection detection = detect("id,name\n1,Al\0ice\n2,Bob\n".getBytes(US_ASCII));

    assertFalse(detection.isSupported());
    assertFalse(detection.mimeType().startsWith("text/"), detection.mimeType());
  }

  @Test
  void rejectsRandomBytes() {
    byte[] noise = new byte[4096];
    new Random(42).nextBytes(noise);

    assertFalse(detect(noise).isSupported());
  }

  @Test
  void rejectsEmptyInput() {
    assertEquals(
        new Detection("application/octet-stream", null, null), sniffer.detect(new byte[16], 0));
  }

  @Test
  void looksOnlyAtTheGivenLength() {
    byte[] head = Arrays.copyOf(CSV.getBytes(UTF_8), 4096);

    assertEquals(FileFormat.CSV, sniffer.detect(head, CSV.length()).format());
  }

  @Test
  void rejectsUtf16() {
    byte[] bom = {(byte) 0xFF, (byte) 0xFE};

    assertFalse(detect(concat(bom, CSV.getBytes(StandardCharsets.UTF_16LE))).isSupported());
  }

  @Test
  void recognisesCsv() {
    assertEquals(new Detection("text/csv", FileFormat.CSV, null), detect(CSV.getBytes(UTF_8)));
  }

  @Test
  void recognisesUtf8CsvWithByteOrderMark() {
    byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    byte[] csv = "Name,Stadt,Betrag\nMüller,Köln,1.50\nŁukasz,Łódź,2.75\n".getBytes(UTF_8);

    assertEquals(new Detection("text/csv", FileFormat.CSV, null), detect(concat(bom, csv)));
  }

  @Test
  void recognisesSemicolonCsv() {
    String csv = "Artikel;Preis;Menge\nÄpfel;1,99;3\nBirnen;2,49;10\n";

    assertEquals(FileFormat.CSV, detect(csv.getBytes(UTF_8)).format());
  }

  @Test
  void recognisesTabSeparatedValues() {
    String tsv = "date\tcity\ttemp\n2024-01-01\tOslo\t-3.5\n2024-01-02\tBergen\t4.0\n";

    assertEquals(new Detection("text/csv", FileFormat.CSV, null), detect(tsv.getBytes(UTF_8)));
  }

  @Test
  void recognisesCsvWithQuotedDelimitersAndLineBreaks() {
    String csv =
        "id,comment,amount\r\n"
            + "1,\"Hello, world\",5\r\n"
            + "2,\"Line one\r\nline two, with a comma\",6\r\n"
            + "3,\"She said \"\"hi\"\"\",7\r\n";

    assertEquals(FileFormat.CSV, detect(csv.getBytes(UTF_8)).format());
  }

  @Test
  void recognisesLatin1Csv() {
    String csv = "Name;Straße;Ort\nMüller;Hauptstraße 5;Köln\nSchäfer;Gartenweg 2;Zürich\n";

    assertEquals(new Detection("text/csv", FileFormat.CSV, null), detect(csv.getBytes(ISO_8859_1)));
  }

  @Test
  void recognisesCsvCutMidLineAndMidCharacter() {
    StringBuilder csv = new StringBuilder("id,name,amount\n");
    for (int i = 0; csv.length() < 100_000; i++) {
      csv.append(i).append(",Renée Müller-Lüdenscheidt,").append(i % 97).append(".50\n");
    }
    byte[] file = csv.toString().getBytes(UTF_8);
    int length = ContentSniffer.HEAD_SIZE;
    while (file[length - 1] != (byte) 0xC3) {
      length--;
    }

    assertEquals(FileFormat.CSV, sniffer.detect(file, ContentSniffer.HEAD_SIZE).format());
    assertEquals(FileFormat.CSV, sniffer.detect(file, length, true).format());
  }

  @Test
  void reportsSingleColumnTextAsUnsupportedPlainText() {
    assertEquals(
        new Detection("text/plain", null, null), detect("apple\nbanana\ncherry\n".getBytes(UTF_8)));
  }

  @Test
  void reportsProseAsUnsupportedPlainText() {
    String prose =
        "However, the committee decided to postpone the vote.\n"
            + "In the morning, we walked down to the old harbour.\n"
            + "After lunch, everyone went back to work.\n";

    assertEquals(new Detection("text/plain", null, null), detect(prose.getBytes(UTF_8)));
  }

  @Test
  void reportsJsonAsUnsupported() {
    String json = "[{\"id\": 1, \"name\": \"Alice\"},\n {\"id\": 2, \"name\": \"Bob\"}]\n";

    Detection detection = detect(json.getBytes(UTF_8));

    assertFalse(detection.isSupported());
    assertTrue(detection.mimeType().startsWith("text/plain"), detection.mimeType());
  }

  @Test
  void reportsXmlAsUnsupportedWithItsType() {
    String xml = "<?xml version=\"1.0\"?>\n<rows>\n<row a=\"1\" b=\"2\"/>\n</rows>\n";

    assertEquals(new Detection("application/xml", null, null), detect(xml.getBytes(UTF_8)));
  }

  @Test
  void recognisesAsteriskMasterCsvAsCdr() {
    byte[] file = CdrSnifferTest.asteriskMaster(true).getBytes(UTF_8);

    assertEquals(
        new Detection("text/csv", FileFormat.CDR, CdrSniffer.ASTERISK_MASTER_CSV), detect(file));
  }

  @Test
  void givesAsteriskMasterCsvItsOwnDialectEvenWhenRowsDifferInWidth() {
    String withoutUniqueId =
        CdrSnifferTest.asteriskRow(
                "1001", "1002", "2024-01-15 13:00:00", "", "2024-01-15 13:00:09", 9, 0, "BUSY")
            .replaceAll(",\"[0-9.]+\",\"[^\"]*\"\n", "\n");
    String text = CdrSnifferTest.asteriskMaster(true) + withoutUniqueId;

    Detection detection = detectWithDialect(text.getBytes(UTF_8));

    assertEquals(CdrSniffer.ASTERISK_MASTER_CSV, detection.layout());
    assertEquals(new CsvDialect(',', false, 18), detection.dialect());
  }

  @Test
  void recognisesCallRecordHeaderAsCdr() {
    String csv =
        "caller;callee;start_time;duration\n"
            + "+4930123456;+4940987654;2024-01-15 10:23:45;87\n"
            + "+4930123457;+4940987655;2024-01-15 10:25:02;12\n";

    assertEquals(
        new Detection("text/csv", FileFormat.CDR, CdrSniffer.CDR_CSV_HEADER),
        detect(csv.getBytes(UTF_8)));
  }

  @Test
  void recognisesFixedWidthSwitchExportAsCdr() {
    byte[] file = CdrSnifferTest.fixedWidth(10, true).getBytes(US_ASCII);

    assertEquals(
        new Detection("text/plain", FileFormat.CDR, CdrSniffer.FIXED_WIDTH_SWITCH), detect(file));
  }

  @Test
  void reportsCsvWithoutCallRecordFieldsAsCsv() {
    String csv = "caller,callee,amount,notes\n1001,1002,3.50,ok\n1003,1004,1.20,late\n";

    assertEquals(new Detection("text/csv", FileFormat.CSV, null), detect(csv.getBytes(UTF_8)));
  }

  /** What was detected, without the dialect (checked on its own below). */
  private Detection detect(byte[] file) {
    Detection d = detectWithDialect(file);
    return new Detection(d.mimeType(), d.format(), d.layout());
  }

  private Detection detectWithDialect(byte[] file) {
    int length = Math.min(file.length, ContentSniffer.HEAD_SIZE);
    return sniffer.detect(Arrays.copyOf(file, length), length);
  }

  @Test
  void reportsTheDialectOfDelimitedTextForTheDeepChecks() {
    Detection csv = detectWithDialect(CSV.getBytes(UTF_8));
    org.junit.jupiter.api.Assertions.assertNotNull(csv.dialect());
    assertEquals(',', csv.dialect().delimiter());
    Detection cdr = detectWithDialect(CdrSnifferTest.asteriskMaster(true).getBytes(UTF_8));
    org.junit.jupiter.api.Assertions.assertNotNull(cdr.dialect());
    assertEquals(null, detectWithDialect(minimalPdf()).dialect());
  }

  private static byte[] concat(byte[] first, byte[] second) {
    byte[] both = Arrays.copyOf(first, first.length + second.length);
    System.arraycopy(second, 0, both, first.length, second.length);
    return both;
  }

  /** A one-page PDF with a correct cross-reference table. */
  @Test
  void skipsTikasWholeTableOnlyWhereItsAnswerCouldNotMatter() throws IOException {
    // Where the shortcut answers null, Tika's own answer must be text or unknown (which detect
    // treats alike); on a plain CSV it must answer null, or it saves nothing.
    MediaTypeRegistry registry = MimeTypes.getDefaultMimeTypes().getMediaTypeRegistry();
    List<byte[]> heads = new ArrayList<>();
    heads.add(CSV.getBytes(UTF_8));
    heads.add(minimalPdf());
    heads.add(portableExecutable());
    heads.add("<?xml version=\"1.0\"?><svg xmlns=\"http://www.w3.org/2000/svg\"/>".getBytes(UTF_8));
    heads.add("{\\rtf1\\ansi hello}".getBytes(US_ASCII));
    heads.add("%!PS-Adobe-3.0\n%%EOF\n".getBytes(US_ASCII));
    byte[] illustrator = "x,y\n%AI5_FileFormat 3\n".getBytes(US_ASCII);
    byte[] windowsMedia = concat("a,b\n".getBytes(US_ASCII), "wmv2".getBytes(UTF_16LE));
    heads.add(illustrator);
    heads.add(windowsMedia);
    try (var files = Files.list(Path.of("../corpus/detection"))) {
      for (Path file : files.sorted().toList()) {
        byte[] bytes = Files.readAllBytes(file);
        heads.add(Arrays.copyOf(bytes, Math.min(bytes.length, ContentSniffer.HEAD_SIZE)));
      }
    }
    Random random = new Random(20261201);
    String printable =
        " ,;|<>/?=\"\t\n0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.:-+#%!{}()";
    String[] markup = {
      "<?xml version=\"1.0\"?>", "<html>", "<!DOCTYPE html>", "<HEAD>", "<body>",
          "<svg xmlns=\"http://www.w3.org/2000/svg\">",
      "<rss version=\"2.0\">", "<feed xmlns=\"http://www.w3.org/2005/Atom\">", "<!-- x -->",
          "<script>", "<title>", "<7890>"
    };
    for (int i = 0; i < 200; i++) {
      StringBuilder text = new StringBuilder();
      while (text.length() < 1 + random.nextInt(2048)) {
        text.append(
            random.nextInt(3) == 0 ? markup[random.nextInt(markup.length)] : "a,b;c \"d\"\n");
      }
      heads.add(text.toString().getBytes(UTF_8));
    }
    for (int i = 0; i < 300; i++) {
      byte[] head = new byte[1 + random.nextInt(4096)];
      if (i % 2 == 0) {
        random.nextBytes(head);
      } else {
        for (int j = 0; j < head.length; j++) {
          head[j] = (byte) printable.charAt(random.nextInt(printable.length()));
        }
      }
      heads.add(head);
    }

    for (byte[] head : heads) {
      MediaType tika = sniffer.magicType(head, head.length);
      MediaType shortcut = sniffer.magicIfNotText(head, head.length);
      if (shortcut == null) {
        assertTrue(
            registry.isInstanceOf(tika, MediaType.TEXT_PLAIN)
                || tika.equals(MediaType.OCTET_STREAM),
            () -> "skipped Tika, which says " + tika + " of " + new String(head, ISO_8859_1));
      } else {
        assertEquals(tika, shortcut);
      }
    }
    assertEquals(null, sniffer.magicIfNotText(heads.get(0), heads.get(0).length));
    byte[] asterisk =
        "\"\",\"7890\",\"0053\",\"from-trunk\",\"\"\"Dave, Ops\"\" <7890>\",\"SIP/7890-0\",\"SIP/0053-0\",\"Dial\"\n"
            .getBytes(US_ASCII);
    assertEquals(null, sniffer.magicIfNotText(asterisk, asterisk.length), "a caller id's <");
    assertNotNull(sniffer.magicIfNotText(heads.get(2), heads.get(2).length));
    assertEquals(
        MediaType.parse("application/illustrator+ps"),
        sniffer.magicIfNotText(illustrator, illustrator.length));
    assertEquals(
        MediaType.parse("video/x-ms-wmv"),
        sniffer.magicIfNotText(windowsMedia, windowsMedia.length));
  }

  /**
   * The shortcut skips a few types unless the head holds what their magic needs, as read from
   * Tika's table; if an upgrade changes that magic, the needs must be read again.
   */
  @Test
  void rangeMagicNeedsAreDrawnFromTikasTableAsItIs() throws Exception {
    Map<String, List<String>> expected =
        Map.of(
            "application/illustrator+ps",
            List.of("regex 0:8192 [\\r\\n]%AI5_FileFormat [1-4][\\r\\n]"),
            "video/x-ms-wmv",
            List.of(
                "unicodeLE 0:8192 Windows Media Video",
                "unicodeLE 0:8192 VC-1 Advanced Profile",
                "unicodeLE 0:8192 wmv2"),
            "audio/x-ms-wma",
            List.of("unicodeLE 0:8192 Windows Media Audio"));
    assertEquals(expected.keySet(), ContentSniffer.RANGE_MAGIC_NEEDS.keySet());
    Document table;
    try (InputStream in =
        MimeTypes.class.getResourceAsStream("/org/apache/tika/mime/tika-mimetypes.xml")) {
      assertNotNull(in, "Tika's table on the class path");
      table = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(in);
    }
    NodeList types = table.getElementsByTagName("mime-type");
    Map<String, List<String>> actual = new java.util.HashMap<>();
    for (int i = 0; i < types.getLength(); i++) {
      Element type = (Element) types.item(i);
      if (expected.containsKey(type.getAttribute("type"))) {
        List<String> matches = new ArrayList<>();
        NodeList magic = type.getElementsByTagName("match");
        for (int j = 0; j < magic.getLength(); j++) {
          Element match = (Element) magic.item(j);
          assertEquals(
              "", match.getAttribute("mask"), () -> "no mask: " + type.getAttribute("type"));
          matches.add(
              match.getAttribute("type")
                  + " "
                  + match.getAttribute("offset")
                  + " "
                  + match.getAttribute("value"));
        }
        actual.put(type.getAttribute("type"), matches);
      }
    }
    assertEquals(expected, actual);
  }

  private static byte[] minimalPdf() {
    List<String> objects =
        List.of(
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>");
    StringBuilder pdf = new StringBuilder("%PDF-1.4\n");
    List<Integer> offsets = new ArrayList<>();
    for (int i = 0; i < objects.size(); i++) {
      offsets.add(pdf.length());
      pdf.append(i + 1).append(" 0 obj\n").append(objects.get(i)).append("\nendobj\n");
    }
    int xref = pdf.length();
    pdf.append("xref\n0 ").append(objects.size() + 1).append("\n0000000000 65535 f \n");
    offsets.forEach(offset -> pdf.append(String.format("%010d 00000 n \n", offset)));
    pdf.append("trailer\n<< /Size ").append(objects.size() + 1).append(" /Root 1 0 R >>\n");
    pdf.append("startxref\n").append(xref).append("\n%%EOF\n");
    return pdf.toString().getBytes(US_ASCII);
  }

  /** The DOS header, DOS stub and PE signature with a COFF header of a 32-bit executable. */
  private static byte[] portableExecutable() {
    byte[] exe = new byte[512];
    exe[0] = 'M';
    exe[1] = 'Z';
    exe[2] = (byte) 0x90;
    exe[4] = 3;
    exe[8] = 4;
    exe[12] = (byte) 0xFF;
    exe[13] = (byte) 0xFF;
    exe[16] = (byte) 0xB8;
    exe[24] = 0x40;
    exe[0x3C] = (byte) 0x80;
    byte[] stub = "This program cannot be run in DOS mode.\r\r\n$".getBytes(US_ASCII);
    System.arraycopy(stub, 0, exe, 0x4E, stub.length);
    exe[0x80] = 'P';
    exe[0x81] = 'E';
    exe[0x84] = 0x4C;
    exe[0x85] = 0x01;
    exe[0x86] = 3;
    exe[0x94] = (byte) 0xE0;
    exe[0x96] = 0x02;
    exe[0x97] = 0x01;
    exe[0x98] = 0x0B;
    exe[0x99] = 0x01;
    return exe;
  }
}
