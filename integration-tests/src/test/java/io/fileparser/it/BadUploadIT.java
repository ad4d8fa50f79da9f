package io.fileparser.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every upload the API must refuse, and proof that a refused upload leaves nothing behind. */
class BadUploadIT {

  /** Larger than the IT domain's 2 GiB limit plus the 1 MiB multipart allowance. */
  private static final long OVERSIZED_LENGTH = 3_000_000_000L;

  private static final Set<String> ACCEPTED_TYPES = Set.of("application/pdf", "text/csv");

  private final String tenant = Tenants.fresh();
  private final Leftovers leftovers = Leftovers.watch(tenant);

  @Test
  void refusesEmptyFilePart() {
    ApiResponse response = multipart(Multipart.file("empty.csv", new byte[0]));

    assertRefused(response, 400, "empty_file");
  }

  @Test
  void refusesEmptyRawBody() {
    ApiResponse response = raw("", "attachment; filename=\"empty.pdf\"", new byte[0]);

    assertRefused(response, 400, "empty_file");
  }

  @Test
  void refusesWindowsExecutableNamedLikePdf() {
    ApiResponse response =
        multipart(Multipart.file("invoice.pdf", SampleFiles.windowsExecutable()));

    JsonNode problem = assertRefused(response, 415, "unsupported_format");
    String detected = problem.path("detectedType").asText();
    assertFalse(detected.isBlank(), problem::toString);
    assertFalse(ACCEPTED_TYPES.contains(detected), problem::toString);
  }

  @Test
  void refusesPngNamedLikeCsv() {
    ApiResponse response = multipart(Multipart.file("data.csv", SampleFiles.png()));

    JsonNode problem = assertRefused(response, 415, "unsupported_format");
    assertEquals("image/png", problem.path("detectedType").asText(), problem::toString);
  }

  @Test
  void refusesExecutableSentAsRawPdf() {
    ApiResponse response =
        raw(
            "",
            "attachment; filename=\"invoice.pdf\"",
            SampleFiles.windowsExecutable(),
            "application/pdf");

    JsonNode problem = assertRefused(response, 415, "unsupported_format");
    assertNotEquals("application/pdf", problem.path("detectedType").asText(), problem::toString);
  }

  @Test
  void refusesPlainProseNamedLikeCsv() {
    byte[] prose =
        ("Dear customer\nthank you for your letter of last week.\n"
                + "We will send the invoice again tomorrow.\nKind regards\n")
            .getBytes(StandardCharsets.UTF_8);
    ApiResponse response = multipart(Multipart.file("letter.csv", prose));

    JsonNode problem = assertRefused(response, 415, "unsupported_format");
    assertFalse(problem.path("detectedType").asText().isBlank(), problem::toString);
  }

  @Test
  void refusesRawBodyDeclaredLargerThanTheLimitBeforeReadingIt() {
    ApiResponse response =
        RawHttp.exchange(
            "POST",
            TestEnvironment.apiUri("/upload"),
            List.of(
                "Authorization: Bearer " + Tokens.of(tenant, "member"),
                "Content-Type: application/octet-stream",
                "Content-Disposition: attachment; filename=\"huge.csv\"",
                "Content-Length: " + OVERSIZED_LENGTH,
                "Connection: close"),
            SampleFiles.csv("huge"));

    assertRefused(response, 413, "file_too_large");
  }

  @Test
  void refusesMultipartBodyDeclaredLargerThanTheLimitBeforeReadingIt() {
    Multipart form = Multipart.file("huge.csv", SampleFiles.csv("huge-multipart"));
    byte[] body = form.body();
    ApiResponse response =
        RawHttp.exchange(
            "POST",
            TestEnvironment.apiUri("/upload"),
            List.of(
                "Authorization: Bearer " + Tokens.of(tenant, "member"),
                "Content-Type: " + form.contentType(),
                "Content-Length: " + OVERSIZED_LENGTH,
                "Connection: close"),
            Arrays.copyOf(body, body.length - 10));

    assertRefused(response, 413, "file_too_large");
  }

  @Test
  void refusesMultipartWhoseBoundaryDoesNotMatchTheBody() {
    Multipart form = Multipart.file("a.csv", SampleFiles.csv("bad-boundary"));
    ApiResponse response =
        Api.post("/upload")
            .bearer(Tokens.of(tenant, "member"))
            .body("multipart/form-data; boundary=not-the-one-used", form.body())
            .send();

    assertRefused(response, 400, "malformed_multipart", "incomplete_upload");
  }

  @Test
  void refusesMultipartWithoutBoundaryParameter() {
    Multipart form = Multipart.file("a.csv", SampleFiles.csv("no-boundary"));
    ApiResponse response =
        Api.post("/upload")
            .bearer(Tokens.of(tenant, "member"))
            .body("multipart/form-data", form.body())
            .send();

    assertRefused(response, 400, "malformed_multipart", "incomplete_upload");
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 10})
  void refusesMultipartCutBeforeTheClosingBoundary(int missingFileBytes) {
    Multipart form = Multipart.file("a.csv", SampleFiles.csv("cut-" + missingFileBytes));
    ApiResponse response =
        Api.post("/upload")
            .bearer(Tokens.of(tenant, "member"))
            .body(form.contentType(), form.bodyCutShort(missingFileBytes))
            .send();

    assertRefused(response, 400, "malformed_multipart", "incomplete_upload");
  }

  @Test
  void refusesFormWithoutFilePart() {
    ApiResponse response =
        multipart(Multipart.form().field("priority", "5").field("templateId", "t1"));

    assertRefused(response, 400, "missing_file");
  }

  @Test
  void refusesFileSentUnderAnotherFieldName() {
    ApiResponse response =
        multipart(Multipart.form().filePart("upload", "a.csv", SampleFiles.csv("wrong-field")));

    assertRefused(response, 400, "missing_file");
  }

  @Test
  void refusesTwoFileParts() {
    Multipart form =
        Multipart.file("one.csv", SampleFiles.csv("one"))
            .filePart("file", "two.csv", SampleFiles.csv("two"));
    ApiResponse response = multipart(form);

    assertRefused(response, 400, "multiple_files");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "../../etc/passwd.csv",
        "..\\x.csv",
        "/etc/passwd.csv",
        "reports/../../x.csv",
        "..",
        "a\u0001b.csv",
        "a\nb.csv",
        "a\u0000b.csv",
        "a\u007fb.csv",
        "a\u202eb.csv"
      })
  void refusesHostileFilenameInMultipart(String filename) {
    ApiResponse response = multipart(Multipart.file(filename, SampleFiles.csv("hostile-name")));

    assertRefused(response, 400, "invalid_filename");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "filename=\"../../etc/passwd.csv\"",
        "filename=\"..\\\\x.csv\"",
        "filename*=UTF-8''..%2F..%2Fetc%2Fpasswd.csv",
        "filename*=UTF-8''a%01b.csv",
        "filename*=UTF-8''a%0Ab.csv",
        "filename*=UTF-8''a%0D%0AX-Injected%3A%20yes.csv"
      })
  void refusesHostileFilenameInContentDisposition(String parameter) {
    ApiResponse response = raw("", "attachment; " + parameter, SampleFiles.csv("hostile-raw-name"));

    assertRefused(response, 400, "invalid_filename");
  }

  @ParameterizedTest
  @ValueSource(strings = {"11", "10", "-1", "abc", "5.5", "0x5"})
  void refusesBadPriorityWhetherSentBeforeOrAfterTheFile(String priority) {
    ApiResponse fieldFirst =
        multipart(
            Multipart.form()
                .field("priority", priority)
                .filePart("file", "a.csv", SampleFiles.csv("prio-before")));
    assertRefused(fieldFirst, 400, "invalid_request");

    ApiResponse fileFirst =
        multipart(
            Multipart.file("a.csv", SampleFiles.csv("prio-after")).field("priority", priority));
    assertRefused(fileFirst, 400, "invalid_request");
  }

  @ParameterizedTest
  @ValueSource(strings = {"[1,2]", "\"text\"", "42", "null", "{broken", "{\"a\":1} trailing"})
  void refusesMetadataThatIsNotAJsonObject(String metadata) {
    ApiResponse response =
        multipart(
            Multipart.file("a.csv", SampleFiles.csv("bad-metadata")).field("metadata", metadata));

    assertRefused(response, 400, "invalid_request");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "priority=11",
        "priority=abc",
        "metadata=%5B1%2C2%5D",
        "metadata=%7Bbroken",
        "templateId=..%2Fx"
      })
  void refusesBadOptionsOfRawUpload(String query) {
    ApiResponse response =
        raw("?" + query, "attachment; filename=\"a.csv\"", SampleFiles.csv("raw-opts"));

    assertRefused(response, 400, "invalid_request");
  }

  @Test
  void refusedUploadLeavesTheTenantsEarlierFilesAlone() {
    JsonNode kept = Uploads.create(tenant, "kept.csv", SampleFiles.csv("kept"));
    Leftovers afterFirstUpload = Leftovers.watch(tenant);

    ApiResponse refused =
        multipart(Multipart.file("b.csv", SampleFiles.csv("refused")).field("priority", "99"));

    Problems.assertProblem(refused, 400, "invalid_request");
    afterFirstUpload.assertNone();
    assertEquals(
        List.of(FileStore.storedFile(tenant, kept.path("file").path("sha256").asText())),
        FileStore.tenantFiles(tenant));
    assertEquals(1, Database.count("jobs", tenant));
  }

  @Test
  void refusesAFormWithMoreThanSixteenParts() {
    Multipart form = Multipart.file("calls.csv", SampleFiles.csv(tenant));
    for (int i = 0; i < 16; i++) {
      form.field("note" + i, "x");
    }

    assertRefused(multipart(form), 413, "form_too_large");
  }

  @Test
  void refusesFormFieldsLongerThanSixtyFourKibibytesTogether() {
    Multipart form = Multipart.form();
    for (int i = 0; i < 5; i++) {
      form.field("note" + i, "x".repeat(15_000));
    }
    form.filePart("file", "calls.csv", SampleFiles.csv(tenant));

    assertRefused(multipart(form), 413, "form_too_large");
  }

  @Test
  void refusesAFilePartUnderAnotherName() {
    Multipart form =
        Multipart.file("calls.csv", SampleFiles.csv(tenant))
            .filePart("attachment", "other.csv", SampleFiles.csv(tenant + "-other"));

    assertRefused(multipart(form), 400, "unexpected_part");
  }

  @Test
  void refusesAFormFieldSentTwice() {
    Multipart form =
        Multipart.file("calls.csv", SampleFiles.csv(tenant))
            .field("priority", "3")
            .field("priority", "9");

    assertRefused(multipart(form), 400, "invalid_request");
  }

  @Test
  void refusesAFormOfManyPartsSentWithoutContentLength() {
    Multipart form = Multipart.file("calls.csv", SampleFiles.csv(tenant));
    for (int i = 0; i < 40; i++) {
      form.field("note" + i, "y");
    }

    ApiResponse response =
        RawHttp.exchange(
            "POST",
            TestEnvironment.apiUri("/upload"),
            List.of(
                "Authorization: Bearer " + Tokens.of(tenant, "member"),
                "Content-Type: " + form.contentType(),
                "Transfer-Encoding: chunked",
                "Connection: close"),
            chunked(form.body()));

    assertRefused(response, 413, "form_too_large");
  }

  /** The body as one HTTP/1.1 chunk and the closing chunk. */
  private static byte[] chunked(byte[] body) {
    byte[] head = (Integer.toHexString(body.length) + "\r\n").getBytes(StandardCharsets.US_ASCII);
    byte[] tail = "\r\n0\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    byte[] all = new byte[head.length + body.length + tail.length];
    System.arraycopy(head, 0, all, 0, head.length);
    System.arraycopy(body, 0, all, head.length, body.length);
    System.arraycopy(tail, 0, all, head.length + body.length, tail.length);
    return all;
  }

  private ApiResponse multipart(Multipart form) {
    return Uploads.multipart(Tokens.of(tenant, "member"), form);
  }

  private ApiResponse raw(String query, String disposition, byte[] body) {
    return raw(query, disposition, body, "application/octet-stream");
  }

  private ApiResponse raw(String query, String disposition, byte[] body, String contentType) {
    return Api.post("/upload" + query)
        .bearer(Tokens.of(tenant, "member"))
        .header("Content-Disposition", disposition)
        .body(contentType, body)
        .send();
  }

  /**
   * The refusal is a problem with this status and one of the {@code codes} (the first is expected
   * when none matches), and nothing of the upload remains anywhere.
   */
  private JsonNode assertRefused(ApiResponse response, int status, String... codes) {
    String answered =
        response.contentType().startsWith("application/problem+json")
            ? response.json().path("code").asText()
            : "";
    String expected = List.of(codes).contains(answered) ? answered : codes[0];
    JsonNode problem = Problems.assertProblem(response, status, expected);
    leftovers.assertNone();
    return problem;
  }
}
