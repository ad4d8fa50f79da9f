package io.fileparser.it;

import static io.fileparser.it.CorpusCallers.api;

import io.fileparser.it.HostileRequest.Delivery;
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
 * Hand-written uploads the API must refuse: broken multipart framing, hostile file names, broken
 * compression, lying lengths and bodies cut short, bad options and metadata, refused idempotency
 * keys. Each carries a CSV that would be accepted if nothing else were wrong.
 */
final class UploadCorpus {

  private final String member;
  private final List<HostileRequest> cases = new ArrayList<>();

  private UploadCorpus(CorpusCallers callers) {
    this.member = callers.member();
  }

  static List<HostileRequest> cases(CorpusCallers callers) {
    UploadCorpus corpus = new UploadCorpus(callers);
    corpus.multipartFraming();
    corpus.filenames();
    corpus.compression();
    corpus.lengthsAndCutBodies();
    corpus.options();
    corpus.idempotencyKeys();
    return corpus.cases;
  }

  private void multipartFraming() {
    Multipart form = Multipart.file("a.csv", CorpusCallers.csv());
    multipart("multipart without boundary", "multipart/form-data", form.body(), 400, null);
    multipart(
        "multipart with an empty boundary",
        "multipart/form-data; boundary=",
        form.body(),
        400,
        null);
    multipart(
        "multipart whose boundary is not the body's",
        "multipart/form-data; boundary=not-the-one-used",
        form.body(),
        400,
        "malformed_multipart");
    multipart(
        "multipart with an unterminated quoted boundary",
        "multipart/form-data; boundary=\"" + form.boundary(),
        form.body(),
        400,
        null);
    multipart(
        "multipart with a 200-character boundary",
        "multipart/form-data; boundary=" + "b".repeat(200),
        form.body(),
        400,
        null);
    multipart(
        "multipart of only the closing delimiter",
        form.contentType(),
        ("--" + form.boundary() + "--\r\n").getBytes(StandardCharsets.US_ASCII),
        400,
        null);
    multipart(
        "multipart with no part at all", form.contentType(), new byte[] {'\r', '\n'}, 400, null);
    Multipart noDisposition = Multipart.form().part("Content-Type: text/csv", CorpusCallers.csv());
    multipart(
        "multipart part without Content-Disposition",
        noDisposition.contentType(),
        noDisposition.body(),
        400,
        null);
    Multipart longHeader =
        Multipart.form()
            .part(
                "Content-Disposition: form-data; name=\"file\"; filename=\"a.csv\"\r\nX-Pad: "
                    + "p".repeat(20_000),
                CorpusCallers.csv());
    multipart(
        "multipart part header of 20 KB", longHeader.contentType(), longHeader.body(), 0, null);
    Multipart seventeen = Multipart.file("a.csv", CorpusCallers.csv());
    for (int i = 0; i < 16; i++) {
      seventeen.field("note" + i, "x");
    }
    multipart(
        "multipart of 17 parts", seventeen.contentType(), seventeen.body(), 413, "form_too_large");
    Multipart thousand = Multipart.form();
    for (int i = 0; i < 1000; i++) {
      thousand.field("n" + i, "");
    }
    thousand.filePart("file", "a.csv", CorpusCallers.csv());
    multipart(
        "multipart of 1001 parts, the file last",
        thousand.contentType(),
        thousand.body(),
        413,
        "form_too_large");
    Multipart hugeField =
        Multipart.form()
            .field("metadata", "x".repeat(70_000))
            .filePart("file", "a.csv", CorpusCallers.csv());
    multipart("multipart field of 70 KB", hugeField.contentType(), hugeField.body(), 0, null);
    Multipart twoFiles =
        Multipart.file("a.csv", CorpusCallers.csv()).filePart("file", "b.csv", CorpusCallers.csv());
    multipart(
        "multipart with two files", twoFiles.contentType(), twoFiles.body(), 400, "multiple_files");
    Multipart noFile = Multipart.form().field("priority", "5");
    multipart("multipart without a file", noFile.contentType(), noFile.body(), 400, "missing_file");
    Multipart emptyFile = Multipart.file("a.csv", new byte[0]);
    multipart(
        "multipart with an empty file",
        emptyFile.contentType(),
        emptyFile.body(),
        400,
        "empty_file");
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

  private void lengthsAndCutBodies() {
    Multipart form = Multipart.file("a.csv", CorpusCallers.csv());
    byte[] body = form.body();
    cases.add(
        HostileRequest.to("POST", api("/upload"))
            .auth(member)
            .header("Content-Type", form.contentType())
            .header("Content-Length", Integer.toString(body.length - 20))
            .rawBody(body)
            .expect("multipart whose Content-Length stops 20 bytes short of its end", 400, null));
    cases.add(
        HostileRequest.to("POST", api("/upload"))
            .auth(member)
            .header("Content-Type", form.contentType())
            .header("Content-Length", Integer.toString(body.length + 5000))
            .rawBody(body)
            .delivery(Delivery.THEN_CLOSE_SENDING)
            .expect(
                "multipart claiming 5000 bytes more, then the client closes",
                Expected.anyClientError().orUnanswered()));
    cases.add(
        HostileRequest.to("POST", api("/upload"))
            .auth(member)
            .header("Content-Type", form.contentType())
            .header("Content-Length", Integer.toString(body.length + 5000))
            .rawBody(body)
            .delivery(Delivery.THEN_WAIT)
            .expect("multipart claiming 5000 bytes more, then silence", 400, null));
    cases.add(
        HostileRequest.to("POST", api("/upload"))
            .auth(member)
            .header("Content-Type", form.contentType())
            .header("Content-Length", Integer.toString(body.length))
            .rawBody(Arrays.copyOf(body, body.length / 2))
            .delivery(Delivery.THEN_CLOSE_SENDING)
            .expect(
                "multipart cut in half, then the client closes",
                Expected.anyClientError().orUnanswered()));
    byte[] csv = CorpusCallers.csv();
    cases.add(
        HostileRequest.to("POST", api("/upload"))
            .auth(member)
            .header("Content-Type", "text/csv")
            .header("Content-Disposition", "attachment; filename=\"a.csv\"")
            .header("Content-Length", Integer.toString(csv.length * 10))
            .rawBody(csv)
            .delivery(Delivery.THEN_CLOSE_SENDING)
            .expect(
                "raw body claiming ten times its length, then the client closes",
                Expected.anyClientError().orUnanswered()));
    cases.add(
        HostileRequest.to("POST", api("/upload"))
            .auth(member)
            .header("Content-Type", "text/csv")
            .header("Content-Disposition", "attachment; filename=\"a.csv\"")
            .header("Transfer-Encoding", "chunked")
            .rawBody(("100\r\n").getBytes(StandardCharsets.US_ASCII))
            .delivery(Delivery.THEN_CLOSE_SENDING)
            .expect(
                "chunked body cut inside its first chunk, then the client closes",
                Expected.anyClientError().orUnanswered().orRefusedByContainer()));
    cases.add(
        HostileRequest.to("POST", api("/upload"))
            .auth(member)
            .header("Content-Type", "text/csv")
            .header("Content-Disposition", "attachment; filename=\"a.csv\"")
            .header("Transfer-Encoding", "chunked")
            .rawBody("zz\r\nid,name\r\n0\r\n\r\n".getBytes(StandardCharsets.US_ASCII))
            .expect(
                "chunked body with a chunk size that is not hex", Expected.refusedByTransport()));
    cases.add(
        HostileRequest.to("POST", api("/upload"))
            .auth(member)
            .header("Content-Type", "text/csv")
            .header("Content-Disposition", "attachment; filename=\"a.csv\"")
            .header("Transfer-Encoding", "chunked")
            .rawBody(
                ("7fffffffffffffff\r\n"
                        + new String(csv, StandardCharsets.US_ASCII)
                        + "\r\n0\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII))
            .delivery(Delivery.THEN_CLOSE_SENDING)
            .expect(
                "chunked body announcing a chunk of 2^63 bytes",
                Expected.refusedByTransport().orUnanswered()));
    cases.add(
        HostileRequest.to("POST", api("/upload"))
            .auth(member)
            .header("Content-Type", "text/csv")
            .header("Content-Disposition", "attachment; filename=\"a.csv\"")
            .header("Content-Length", "-1")
            .rawBody(csv)
            .expect("negative Content-Length", Expected.refusedByTransport()));
    cases.add(
        HostileRequest.to("POST", api("/upload"))
            .auth(member)
            .header("Content-Type", "text/csv")
            .header("Content-Disposition", "attachment; filename=\"a.csv\"")
            .header("Content-Length", "99999999999999999999999")
            .rawBody(csv)
            .expect("Content-Length beyond 64 bits", Expected.refusedByTransport()));
    cases.add(
        HostileRequest.to("POST", api("/upload"))
            .auth(member)
            .header("Content-Type", "text/csv")
            .header("Content-Disposition", "attachment; filename=\"a.csv\"")
            .header("Content-Length", Integer.toString(csv.length))
            .header("Content-Length", Integer.toString(csv.length - 1))
            .rawBody(csv)
            .expect("two Content-Lengths that disagree", Expected.refusedByTransport()));
    cases.add(
        HostileRequest.to("POST", api("/upload"))
            .auth(member)
            .header("Content-Type", "text/csv")
            .header("Content-Disposition", "attachment; filename=\"a.csv\"")
            .header("Content-Length", "0x20")
            .rawBody(csv)
            .expect("Content-Length in hex", Expected.refusedByTransport()));
  }

  private void options() {
    for (String priority :
        List.of(
            "-1",
            "10",
            "999999999999999999999",
            "-999999999999999999999",
            "1e3",
            "0x5",
            "5.0",
            "NaN",
            "\u0665",
            "+5",
            "\uff15",
            "5; DROP TABLE jobs")) {
      Multipart form = Multipart.file("a.csv", CorpusCallers.csv()).field("priority", priority);
      multipart(
          "multipart priority " + OperationCorpus.shown(priority),
          form.contentType(),
          form.body(),
          400,
          "invalid_request");
    }
    for (String queuePriority : List.of("-1", "10", "99999999999")) {
      Multipart form =
          Multipart.file("a.csv", CorpusCallers.csv()).field("queuePriority", queuePriority);
      multipart(
          "multipart queuePriority " + queuePriority,
          form.contentType(),
          form.body(),
          400,
          "invalid_request");
    }
    List<String> metadata =
        List.of(
            "[1,2]",
            "null",
            "\"text\"",
            "42",
            "{broken",
            "{\"a\":1} trailing",
            "{\"a\":1}{\"b\":2}",
            "{'a':1}",
            "[".repeat(8000) + "]".repeat(8000),
            "{\"a\":".repeat(2000) + "1" + "}".repeat(2000),
            "{\"a\":\"" + "x".repeat(17_000) + "\"}");
    for (String value : metadata) {
      Multipart form = Multipart.file("a.csv", CorpusCallers.csv()).field("metadata", value);
      multipart(
          "multipart metadata " + OperationCorpus.shown(value),
          form.contentType(),
          form.body(),
          400,
          "invalid_request");
    }
    for (String templateId :
        List.of("../x", "' OR 1=1 --", "t".repeat(101), "a/b", "-leading-dash", "a b")) {
      Multipart form = Multipart.file("a.csv", CorpusCallers.csv()).field("templateId", templateId);
      multipart(
          "multipart templateId " + OperationCorpus.shown(templateId),
          form.contentType(),
          form.body(),
          400,
          "invalid_request");
    }
    Multipart twice =
        Multipart.file("a.csv", CorpusCallers.csv()).field("priority", "1").field("priority", "2");
    multipart(
        "multipart priority sent twice", twice.contentType(), twice.body(), 400, "invalid_request");
  }

  private void idempotencyKeys() {
    for (String key : List.of("has space", "k".repeat(256), "caf\u00e9", "")) {
      Expected invalid = Expected.problem(400, "invalid_request");
      cases.add(
          HostileRequest.to("POST", api("/upload"))
              .auth(member)
              .header("Idempotency-Key", key)
              .header("Content-Disposition", "attachment; filename=\"a.csv\"")
              .body("text/csv", CorpusCallers.csv())
              .expect(
                  "Idempotency-Key " + OperationCorpus.shown(key),
                  // bytes beyond ASCII in a header may be refused by the HTTP layer
                  key.chars().allMatch(c -> c < 0x80) ? invalid : invalid.orRefusedByContainer()));
    }
    cases.add(
        HostileRequest.to("POST", api("/upload"))
            .auth(member)
            .line("Idempotency-Key: abc")
            .line(" X-Injected: folded")
            .header("Content-Disposition", "attachment; filename=\"a.csv\"")
            .body("text/csv", CorpusCallers.csv())
            .expect("Idempotency-Key folded onto a second line", Expected.refusedByTransport()));
    cases.add(
        HostileRequest.to("POST", api("/upload"))
            .auth(member)
            .line("Content-Disposition: attachment; filename=\"a.csv\"")
            .line(" X-Injected: yes")
            .body("text/csv", CorpusCallers.csv())
            .expect(
                "Content-Disposition folded onto a second line", Expected.refusedByTransport()));
    cases.add(
        HostileRequest.to("POST", api("/upload"))
            .auth(member)
            .line("Content-Disposition: attachment; filename=\"a.csv\"\nX-Injected: bare-lf")
            .body("text/csv", CorpusCallers.csv())
            .expect("header line ended by a bare LF", Expected.refusedByTransport()));
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
