package io.fileparser.it;

import static io.fileparser.it.CorpusCallers.api;

import io.fileparser.it.HostileRequest.Delivery;
import io.fileparser.it.HostileRequest.Expected;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Hand-written requests whose framing lies or breaks: a Content-Length longer or shorter than the
 * body, a body cut short and the connection closed, a client gone silent, broken chunked encoding,
 * lengths that are no numbers, and requests the HTTP layer itself cannot read (no Host, NUL or
 * overlong UTF-8 in the path, headers and request lines past its limits).
 */
final class TransportCorpus {

  private final String member;
  private final CorpusCallers callers;
  private final List<HostileRequest> cases = new ArrayList<>();

  private TransportCorpus(CorpusCallers callers) {
    this.callers = callers;
    this.member = callers.member();
  }

  static List<HostileRequest> cases(CorpusCallers callers) {
    TransportCorpus corpus = new TransportCorpus(callers);
    corpus.lengthsAndCutBodies();
    corpus.transport();
    return corpus.cases;
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

  private void transport() {
    cases.add(
        HostileRequest.to("GET", api("/jobs"))
            .auth(callers.owner())
            .withoutHost()
            .expect("HTTP/1.1 request without Host", Expected.refusedByTransport()));
    cases.add(
        HostileRequest.to("GET", api("/status/a%00b"))
            .auth(callers.owner())
            .expect("percent-encoded NUL in the path", Expected.refusedByTransport()));
    cases.add(
        HostileRequest.to("GET", api("/status/%C0%AF"))
            .auth(callers.owner())
            .expect("overlong UTF-8 in the path", Expected.refusedByTransport()));
    cases.add(
        HostileRequest.to("GET", api("/jobs"))
            .auth(callers.owner())
            .header("X-Pad", "p".repeat(20_000))
            .expect("a header of 20 KB", Expected.refusedByTransport()));
    HostileRequest.Builder many = HostileRequest.to("GET", api("/jobs")).auth(callers.owner());
    for (int i = 0; i < 300; i++) {
      many.header("X-H" + i, "v");
    }
    cases.add(many.expect("300 headers", Expected.refusedByTransport()));
    cases.add(
        HostileRequest.to("GET", api("/jobs") + "?limit=" + "9".repeat(9_000))
            .auth(callers.owner())
            .expect("a request line of 9 KB", Expected.refusedByTransport()));
    cases.add(
        HostileRequest.to("TRACE", api("/jobs"))
            .auth(callers.owner())
            .expect("TRACE", Expected.problem(405, null).orRefusedByContainer()));
    cases.add(
        HostileRequest.to("FOO", api("/jobs"))
            .auth(callers.owner())
            .expect("an unknown method", 405, "method_not_allowed"));
    cases.add(
        HostileRequest.to("GET", api("/jobs"))
            .auth(callers.owner())
            .header("Accept", "///")
            .expect("an Accept header that is no media type", 400, null));
    cases.add(
        HostileRequest.to("POST", api("/api-keys"))
            .auth(callers.owner())
            .body(";;;", "{\"name\":\"corpus\"}")
            .expect("a Content-Type that is no media type", 400, null));
    cases.add(
        HostileRequest.to("POST", api("/api-keys"))
            .auth(callers.owner())
            .line("Content-Type: application/json")
            .line("Transfer-Encoding: chunked")
            .rawBody("zz\r\n{}\r\n0\r\n\r\n".getBytes(StandardCharsets.US_ASCII))
            .expect("chunked JSON with a size that is not hex", Expected.refusedByTransport()));
    cases.add(
        HostileRequest.to("GET", api("/jobs"))
            .line("Authorization: Bearer " + callers.owner())
            .line("NoColonInThisHeader")
            .line("X-Tenant-Id: other")
            .expect(
                "a header line without a colon and a tenant header",
                Expected.anyClientError().orRefusedByContainer().orNothingFound()));
  }
}
