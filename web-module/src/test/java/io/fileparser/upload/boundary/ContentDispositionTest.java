package io.fileparser.upload.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.fileparser.problem.ProblemException;
import io.fileparser.problem.ProblemType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class ContentDispositionTest {

  @Test
  void readsQuotedFilename() {
    assertEquals("report.csv", ContentDisposition.filename("attachment; filename=\"report.csv\""));
  }

  @Test
  void readsUnquotedFilename() {
    assertEquals("report.csv", ContentDisposition.filename("attachment; filename=report.csv"));
  }

  @Test
  void toleratesSpacesAndCaseAroundTheParameter() {
    assertEquals(
        "report.csv", ContentDisposition.filename("attachment ;  FileName = \"report.csv\" "));
  }

  @Test
  void keepsSpacesInsideQuotes() {
    assertEquals(
        "Q1 sales report.csv",
        ContentDisposition.filename("attachment; filename=\"Q1 sales report.csv\""));
  }

  @Test
  void unescapesQuotesInQuotedFilename() {
    assertEquals(
        "the \"final\" report.csv",
        ContentDisposition.filename("attachment; filename=\"the \\\"final\\\" report.csv\""));
  }

  @Test
  void semicolonInsideQuotesBelongsToTheFilename() {
    assertEquals(
        "a;b.csv", ContentDisposition.filename("attachment; filename=\"a;b.csv\"; size=10"));
  }

  @Test
  void escapedQuoteDoesNotEndTheQuotedString() {
    assertEquals("x\";y.csv", ContentDisposition.filename("attachment; filename=\"x\\\";y.csv\""));
  }

  @Test
  void readsPercentEncodedExtendedFilename() {
    assertEquals(
        "na\u00efve.csv",
        ContentDisposition.filename("attachment; filename*=UTF-8''na%C3%AFve.csv"));
  }

  @Test
  void extendedFilenameIsPreferredWhenItComesFirst() {
    assertEquals(
        "na\u00efve.csv",
        ContentDisposition.filename(
            "attachment; filename*=UTF-8''na%C3%AFve.csv; filename=\"naive.csv\""));
  }

  @Test
  void extendedFilenameIsPreferredWhenItComesLast() {
    assertEquals(
        "na\u00efve.csv",
        ContentDisposition.filename(
            "attachment; filename=\"naive.csv\"; filename*=UTF-8''na%C3%AFve.csv"));
  }

  @Test
  void extendedFilenameAcceptsLowercaseCharsetAndLanguageTag() {
    assertEquals(
        "\u65e5\u672c.csv",
        ContentDisposition.filename("attachment; filename*=utf-8'ja'%E6%97%A5%E6%9C%AC.csv"));
  }

  @Test
  void plusInExtendedFilenameIsALiteralPlus() {
    assertEquals(
        "a+b c.csv", ContentDisposition.filename("attachment; filename*=UTF-8''a+b%20c.csv"));
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {"   "})
  void missingHeaderIsAnInvalidRequest(String header) {
    assertProblem(ProblemType.INVALID_REQUEST, header);
  }

  @ParameterizedTest
  @ValueSource(strings = {"attachment", "attachment; name=\"file\"", "inline; size=10"})
  void headerWithoutFilenameIsAnInvalidRequest(String header) {
    assertProblem(ProblemType.INVALID_REQUEST, header);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "attachment; filename*=ISO-8859-1''na%EFve.csv",
        "attachment; filename*=UTF-16''x.csv",
        "attachment; filename*=na%C3%AFve.csv",
        "attachment; filename*=UTF-8'na%C3%AFve.csv"
      })
  void extendedFilenameInAnotherCharsetOrShapeIsAnInvalidFilename(String header) {
    assertProblem(ProblemType.INVALID_FILENAME, header);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"attachment; filename*=UTF-8''bad%ZZ.csv", "attachment; filename*=UTF-8''bad%"})
  void brokenPercentEncodingIsAnInvalidFilename(String header) {
    assertProblem(ProblemType.INVALID_FILENAME, header);
  }

  private static void assertProblem(ProblemType expected, String header) {
    ProblemException e =
        assertThrows(ProblemException.class, () -> ContentDisposition.filename(header), header);
    assertEquals(expected, e.type());
  }
}
