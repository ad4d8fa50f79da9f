package io.fileparser.it;

import static io.fileparser.it.CorpusCallers.api;

import io.fileparser.it.HostileRequest.Expected;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;

/**
 * Hand-written uploads whose file itself is hostile: names that climb paths, hide characters or
 * break the part header, and compression that is corrupt, cut short, padded or a bomb. The content
 * is a CSV the API would accept if nothing else were wrong.
 */
final class FileCorpus {

  private final String member;
  private final List<HostileRequest> cases = new ArrayList<>();

  private FileCorpus(CorpusCallers callers) {
    this.member = callers.member();
  }

  static List<HostileRequest> cases(CorpusCallers callers) {
    FileCorpus corpus = new FileCorpus(callers);
    corpus.filenames();
    corpus.compression();
    return corpus.cases;
  }

  private void filenames() {
    List<String> hostile =
        List.of(
            "../../etc/passwd.csv",
            "..\\..\\windows\\win.ini.csv",
            "/etc/passwd.csv",
            "a\u0000b.csv",
            "a\r\nb.csv",
            "a\nContent-Type: text/html.csv",
            "x".repeat(4096) + ".csv",
            "invoice\u202Efdp.csv",
            "\u0085next-line.csv",
            "a\u200Db.csv",
            "\uFEFFa.csv",
            "a\u0378.csv",
            "\uE000.csv",
            "con:.csv",
            "a.csv:stream",
            "..",
            ".",
            "   ",
            "\u2028.csv",
            "a\u0007b.csv",
            "\uDB40\uDC01tagged.csv");
    for (String name : hostile) {
      Multipart form = Multipart.file(name, CorpusCallers.csv());
      String shown = "multipart file named " + OperationCorpus.shown(name);
      if (name.length() > 255) {
        // Past the 512 bytes a part's headers may have: refused as a form too large.
        multipart(shown, form.contentType(), form.body(), 413, "form_too_large");
      } else {
        multipart(
            shown,
            form.contentType(),
            form.body(),
            400,
            name.contains("\n") ? null : "invalid_filename");
      }
    }
    for (String disposition :
        List.of(
            "attachment; filename=\"../../etc/passwd.csv\"",
            "attachment; filename*=UTF-8''..%2F..%2Fetc%2Fpasswd.csv",
            "attachment; filename*=UTF-8''a%00b.csv",
            "attachment; filename*=UTF-8''a%0D%0AX-Injected%3A%201.csv",
            "attachment; filename*=UTF-8''%ZZ.csv",
            "attachment; filename*=ISO-8859-1''a.csv",
            "attachment; filename*=UTF-8''%E2%80%AEgnp.csv",
            "attachment; filename=\"" + "y".repeat(4096) + ".csv\"")) {
      raw(
          "raw upload with Content-Disposition: " + OperationCorpus.shown(disposition),
          disposition,
          "",
          CorpusCallers.csv(),
          400,
          "invalid_filename");
    }
    for (String unnamed : List.of("attachment", "inline; name=\"a.csv\"", "; ; ;", "=")) {
      raw(
          "raw upload with Content-Disposition: " + unnamed,
          unnamed,
          "",
          CorpusCallers.csv(),
          400,
          "invalid_request");
    }
  }

  private void compression() {
    byte[] csv = CorpusCallers.csv();
    byte[] gzip = gzip(csv);
    raw(
        "gzip with garbage after the last member",
        "attachment; filename=\"a.csv.gz\"",
        "",
        concat(gzip, "garbage after the end".getBytes(StandardCharsets.US_ASCII)),
        400,
        "gzip_corrupt");
    raw(
        "gzip cut short",
        "attachment; filename=\"a.csv.gz\"",
        "",
        Arrays.copyOf(gzip, gzip.length - 12),
        400,
        "gzip_corrupt");
    raw(
        "gzip header only",
        "attachment; filename=\"a.csv.gz\"",
        "",
        Arrays.copyOf(gzip, 10),
        400,
        "gzip_corrupt");
    byte[] badCrc = gzip.clone();
    badCrc[badCrc.length - 6] ^= 0x55;
    raw(
        "gzip with a wrong CRC",
        "attachment; filename=\"a.csv.gz\"",
        "",
        badCrc,
        400,
        "gzip_corrupt");
    byte[] badLength = gzip.clone();
    badLength[badLength.length - 2] ^= 0x01;
    raw(
        "gzip with a wrong length",
        "attachment; filename=\"a.csv.gz\"",
        "",
        badLength,
        400,
        "gzip_corrupt");
    byte[] empty = gzip(new byte[0]);
    ByteArrayOutputStream members = new ByteArrayOutputStream();
    members.writeBytes(gzip(csv));
    for (int i = 0; i < 5000; i++) {
      members.writeBytes(empty);
    }
    raw(
        "gzip of 5001 members, 5000 of them empty",
        "attachment; filename=\"a.csv.gz\"",
        "",
        members.toByteArray(),
        413,
        "gzip_bomb");
    ByteArrayOutputStream zeros = new ByteArrayOutputStream();
    byte[] line = "1,2,3\n".getBytes(StandardCharsets.US_ASCII);
    zeros.writeBytes("a,b,c\n".getBytes(StandardCharsets.US_ASCII));
    for (int i = 0; i < 3_000_000; i++) {
      zeros.writeBytes(line);
    }
    raw(
        "gzip bomb: 18 MB of CSV compressed a thousandfold",
        "attachment; filename=\"a.csv.gz\"",
        "",
        gzip(zeros.toByteArray()),
        413,
        "gzip_bomb");
    raw(
        "gzip inside gzip inside gzip",
        "attachment; filename=\"a.csv.gz\"",
        "",
        gzip(gzip(gzip(csv))),
        0,
        null);
    Multipart gzipForm = Multipart.file("a.csv.gz", concat(gzip, new byte[] {0, 0, 0, 0}));
    multipart(
        "multipart gzip with trailing zeros",
        gzipForm.contentType(),
        gzipForm.body(),
        400,
        "gzip_corrupt");
  }

  private void multipart(String name, String contentType, byte[] body, int status, String code) {
    cases.add(
        HostileRequest.to("POST", api("/upload"))
            .auth(member)
            .body(contentType, body)
            .expect(
                name, status == 0 ? Expected.anyClientError() : Expected.problem(status, code)));
  }

  private void raw(
      String name, String disposition, String query, byte[] body, int status, String code) {
    cases.add(
        HostileRequest.to("POST", api("/upload" + query))
            .auth(member)
            .header("Content-Disposition", disposition)
            .body("application/octet-stream", body)
            .expect(
                name, status == 0 ? Expected.anyClientError() : Expected.problem(status, code)));
  }

  static byte[] gzip(byte[] content) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
      gzip.write(content);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] all = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }
}
