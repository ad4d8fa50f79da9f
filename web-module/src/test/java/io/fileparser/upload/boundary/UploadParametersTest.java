package io.fileparser.upload.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fileparser.problem.ProblemException;
import io.fileparser.problem.ProblemType;
import io.fileparser.upload.UploadOptions;
import io.fileparser.workflow.WorkflowOptions;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class UploadParametersTest {

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {"  "})
  void priorityDefaultsToFive(String priority) {
    assertEquals(5, UploadParameters.options(priority, null, null).priority());
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 5, 9})
  void priorityFromZeroToNineIsAccepted(int priority) {
    assertEquals(
        priority, UploadParameters.options(Integer.toString(priority), null, null).priority());
  }

  @Test
  void priorityMayBeSurroundedBySpaces() {
    assertEquals(7, UploadParameters.options(" 7 ", null, null).priority());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"10", "-1", "abc", "5.0", "0x5", "99999999999", "five", "+5", "\u0665", "\uff15"})
  void priorityOutsideZeroToNineIsAnInvalidRequest(String priority) {
    assertInvalidRequest(() -> UploadParameters.options(priority, null, null));
  }

  @ParameterizedTest
  @ValueSource(strings = {"invoices", "a", "Invoice-v2.1_de", "9lives"})
  void templateIdMatchingThePatternIsKept(String templateId) {
    assertEquals(templateId, UploadParameters.options(null, templateId, null).templateId());
  }

  @Test
  void templateIdOfOneHundredCharactersIsAccepted() {
    String templateId = "t".repeat(100);

    assertEquals(templateId, UploadParameters.options(null, templateId, null).templateId());
  }

  @Test
  void templateVersionIsReadWithItsTemplate() {
    assertEquals(
        3,
        UploadParameters.options(null, "6f1c1f5e-0000-4000-8000-000000000000", null, null, " 3 ")
            .templateVersion());
    assertNull(UploadParameters.options(null, "t", null, null, " ").templateVersion());
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "-1", "1.5", "x", "99999999999"})
  void templateVersionBelowOneOrNotANumberIsAnInvalidRequest(String version) {
    assertInvalidRequest(() -> UploadParameters.options(null, "t", null, null, version));
  }

  @Test
  void templateVersionWithoutATemplateIsAnInvalidRequest() {
    assertInvalidRequest(() -> UploadParameters.options(null, null, null, null, "1"));
  }

  @Test
  void templateIdIsStripped() {
    assertEquals("invoices", UploadParameters.options(null, "  invoices ", null).templateId());
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {"   "})
  void missingTemplateIdIsNull(String templateId) {
    assertNull(UploadParameters.options(null, templateId, null).templateId());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {".hidden", "-dash", "_under", "a/b", "../x", "a b", "a:b", "tëmplate", "a*"})
  void templateIdOutsideThePatternIsAnInvalidRequest(String templateId) {
    assertInvalidRequest(() -> UploadParameters.options(null, templateId, null));
  }

  @Test
  void templateIdOfOneHundredAndOneCharactersIsAnInvalidRequest() {
    assertInvalidRequest(() -> UploadParameters.options(null, "t".repeat(101), null));
  }

  @Test
  void metadataObjectIsCompacted() {
    UploadOptions options =
        UploadParameters.options(null, null, "{\n  \"source\" : \"erp\",\n  \"n\" : [ 1, 2 ]\n}");

    assertEquals("{\"source\":\"erp\",\"n\":[1,2]}", options.metadata());
  }

  @Test
  void emptyMetadataObjectIsAccepted() {
    assertEquals("{}", UploadParameters.options(null, null, " { } ").metadata());
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {"  "})
  void missingMetadataIsNull(String metadata) {
    assertNull(UploadParameters.options(null, null, metadata).metadata());
  }

  @ParameterizedTest
  @ValueSource(strings = {"[1,2]", "[]", "\"text\"", "42", "true", "null"})
  void metadataThatIsNotAnObjectIsAnInvalidRequest(String metadata) {
    assertInvalidRequest(() -> UploadParameters.options(null, null, metadata));
  }

  @ParameterizedTest
  @ValueSource(strings = {"{", "{\"a\":}", "{a:1}", "{'a':1}", "not json"})
  void invalidJsonMetadataIsAnInvalidRequest(String metadata) {
    assertInvalidRequest(() -> UploadParameters.options(null, null, metadata));
  }

  @ParameterizedTest
  @ValueSource(strings = {"{\"a\":1}}", "{\"a\":1} {\"b\":2}", "{\"a\":1} trailing"})
  void metadataWithContentAfterTheObjectIsAnInvalidRequest(String metadata) {
    assertInvalidRequest(() -> UploadParameters.options(null, null, metadata));
  }

  @Test
  void metadataOfExactlyTheMaximumSizeIsAccepted() {
    String metadata = objectOfLength(UploadParameters.MAX_METADATA_CHARS);

    assertEquals(metadata, UploadParameters.options(null, null, metadata).metadata());
  }

  @Test
  void oversizeMetadataIsAnInvalidRequest() {
    String metadata = objectOfLength(UploadParameters.MAX_METADATA_CHARS + 1);

    assertInvalidRequest(() -> UploadParameters.options(null, null, metadata));
  }

  @Test
  void missingIdempotencyKeyPasses() {
    assertNull(UploadParameters.idempotencyKey(null));
  }

  @Test
  void idempotencyKeyOfVisibleAsciiIsKept() {
    assertEquals("order-42/retry:1~!", UploadParameters.idempotencyKey("order-42/retry:1~!"));
  }

  @Test
  void idempotencyKeyOf255CharactersIsAccepted() {
    String key = "k".repeat(255);

    assertEquals(key, UploadParameters.idempotencyKey(key));
  }

  @Test
  void idempotencyKeyOf256CharactersIsAnInvalidRequest() {
    assertInvalidRequest(() -> UploadParameters.idempotencyKey("k".repeat(256)));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"", " ", "with space", " leading", "tab\tkey", "ключ", "caf\u00e9", "x\u007f"})
  void idempotencyKeyWithOtherCharactersIsAnInvalidRequest(String key) {
    assertInvalidRequest(() -> UploadParameters.idempotencyKey(key));
  }

  /** A compact JSON object of exactly {@code length} characters. */
  private static String objectOfLength(int length) {
    String open = "{\"k\":\"";
    String close = "\"}";
    return open + "v".repeat(length - open.length() - close.length()) + close;
  }

  private static void assertInvalidRequest(Executable call) {
    ProblemException e = assertThrows(ProblemException.class, call);
    assertEquals(ProblemType.INVALID_REQUEST, e.type());
    assertFalse(
        e.detail().matches("(?s).*([a-z]+\\.[a-z]+\\.[A-Z]|com\\.fasterxml|java\\.).*"),
        "names code: " + e.detail());
  }

  private static final String A = "0d9b1c3e-2f4a-4b5c-8d6e-7f8091a2b3c4";
  private static final String B = "1e0c2d4f-3a5b-4c6d-9e7f-8091a2b3c4d5";

  @Test
  void withoutWorkflowOptionsTheJobStartsAtOnce() {
    assertEquals(WorkflowOptions.NONE, UploadParameters.workflow(null, null, " "));
  }

  @ParameterizedTest
  @ValueSource(strings = {A + "," + B, " " + A + " , " + B + " ", "[\"" + A + "\",\"" + B + "\"]"})
  void dependsOnIsACommaSeparatedListOrAJsonArrayOfJobIds(String dependsOn) {
    WorkflowOptions workflow = UploadParameters.workflow(dependsOn, null, null);

    assertEquals(List.of(UUID.fromString(A), UUID.fromString(B)), workflow.dependsOn());
    assertEquals(WorkflowOptions.OnDependencyFailure.FAIL, workflow.onDependencyFailure());
  }

  @Test
  void aRepeatedDependencyCountsOnce() {
    assertEquals(
        List.of(UUID.fromString(A)),
        UploadParameters.workflow(A + "," + A.toUpperCase(), null, null).dependsOn());
  }

  @ParameterizedTest
  @ValueSource(strings = {"nope", A + ",", "1-1-1-1-1", "[1,2]", "[\"" + A + "\"", "{}"})
  void dependsOnThatIsNotAListOfJobIdsIsAnInvalidRequest(String dependsOn) {
    assertInvalidRequest(() -> UploadParameters.workflow(dependsOn, null, null));
  }

  @Test
  void onDependencyFailureIsFailOrContinueAndOnlyWithDependencies() {
    assertEquals(
        WorkflowOptions.OnDependencyFailure.CONTINUE,
        UploadParameters.workflow(A, " Continue ", null).onDependencyFailure());
    assertInvalidRequest(() -> UploadParameters.workflow(A, "ignore", null));
    assertInvalidRequest(() -> UploadParameters.workflow(null, "continue", null));
  }

  @Test
  void scheduleAtIsAnRfc3339InstantWithItsOffset() {
    assertEquals(
        Instant.parse("2026-12-01T07:00:00Z"),
        UploadParameters.workflow(null, null, "2026-12-01T08:00:00+01:00").scheduleAt());
    assertEquals(
        Instant.parse("2026-12-01T08:00:00.5Z"),
        UploadParameters.workflow(null, null, "2026-12-01T08:00:00.5Z").scheduleAt());
  }

  @ParameterizedTest
  @ValueSource(strings = {"2026-12-01T08:00:00", "2026-12-01", "tomorrow", "1764576000"})
  void scheduleAtWithoutAnOffsetOrNotAnInstantIsAnInvalidRequest(String scheduleAt) {
    assertInvalidRequest(() -> UploadParameters.workflow(null, null, scheduleAt));
  }

  @Test
  void theUploadOptionsCarryTheWorkflow() {
    UploadOptions options =
        UploadParameters.options(null, null, null, null, null, A, "continue", null);

    assertEquals(List.of(UUID.fromString(A)), options.workflow().dependsOn());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "respond-async",
        "Respond-Async",
        "wait=10, respond-async",
        "respond-async; foo=bar",
        " return=minimal ,respond-async "
      })
  void preferRespondAsyncIsFoundAmongOtherPreferences(String header) {
    assertTrue(UploadParameters.respondAsync(List.of(header)));
    assertTrue(UploadParameters.respondAsync(List.of("wait=5", header)), "in a second header");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "wait=10", "return=representation", "respond-asynchronously"})
  void otherPreferencesAreNotRespondAsync(String header) {
    assertFalse(UploadParameters.respondAsync(List.of(header)));
  }

  @Test
  void noPreferHeaderIsNotRespondAsync() {
    assertFalse(UploadParameters.respondAsync(null));
    assertFalse(UploadParameters.respondAsync(List.of()));
  }

  @Test
  void respondAsyncIsSaidAppliedOnlyWhereAskedForAndTheAnswerCameBeforeTheVerdict() {
    assertEquals("respond-async", applied(true, true));
    assertNull(applied(true, false), "a file under 1 MiB waits for its verdict");
    assertNull(applied(false, true), "an answer past the configured wait applied no preference");
    assertNull(applied(false, false));
  }

  private static String applied(boolean respondAsync, boolean answeredEarly) {
    return UploadParameters.preferenceApplied(
            jakarta.ws.rs.core.Response.noContent(), respondAsync, answeredEarly)
        .build()
        .getHeaderString("Preference-Applied");
  }
}
