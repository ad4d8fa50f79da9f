package io.fileparser.it;

import static io.fileparser.it.CorpusCallers.api;

import io.fileparser.it.HostileRequest.Expected;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Hand-written uploads whose form or options the API must refuse: broken multipart framing, too
 * many parts or too long fields, bad priorities, metadata and template ids, refused idempotency
 * keys and headers folded to smuggle another. Each carries a CSV that would be accepted if nothing
 * else were wrong; hostile files are in {@link FileCorpus}, broken framing in {@link
 * TransportCorpus}.
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
}
