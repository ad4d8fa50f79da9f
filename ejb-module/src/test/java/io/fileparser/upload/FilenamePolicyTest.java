package io.fileparser.upload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.fileparser.problem.ProblemException;
import io.fileparser.problem.ProblemType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class FilenamePolicyTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "report.csv",
        "Q1 sales report.csv",
        "naïve.csv",
        "Ärzte – Übersicht 2024.pdf",
        "日本語のファイル.csv",
        "données (copie).cdr",
        "archive.tar.gz",
        "a..b.csv",
        ".hidden",
        "file.",
        "x"
      })
  void keepsAcceptableNames(String name) {
    assertEquals(name, FilenamePolicy.validate(name));
  }

  @Test
  void normalisesDecomposedNamesToNfc() {
    // "nai" + combining diaeresis + "ve.csv" becomes "na" + U+00EF + "ve.csv"
    assertEquals("na\u00efve.csv", FilenamePolicy.validate("nai\u0308ve.csv"));
  }

  @Test
  void keepsInnerSpacesAndStripsSurroundingOnes() {
    assertEquals("my  file.csv", FilenamePolicy.validate("  my  file.csv  "));
  }

  @Test
  void acceptsNameOfExactlyMaximumLength() {
    String name = "a".repeat(251) + ".csv";

    assertEquals(name, FilenamePolicy.validate(name));
  }

  @Test
  void refusesNameLongerThanMaximumLength() {
    assertInvalid("a".repeat(252) + ".csv");
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {" ", "   ", "\t", "\u2003"})
  void refusesMissingOrBlankNames(String name) {
    assertInvalid(name);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "dir/report.csv",
        "/etc/passwd",
        "report.csv/",
        "dir\\report.csv",
        "C:\\report.csv",
        "\\\\server\\share\\x.csv"
      })
  void refusesPathSeparators(String name) {
    assertInvalid(name);
  }

  @ParameterizedTest
  @ValueSource(strings = {".", "..", "...", "..csv", "..hidden", ".. report.csv"})
  void refusesDotAndNamesStartingWithTwoDots(String name) {
    assertInvalid(name);
  }

  @ParameterizedTest
  @ValueSource(strings = {" ..", ".. ", " . ", ". ", "\u3000..\u3000"})
  void refusesDotNamesHiddenByWhitespaceThatIsStripped(String name) {
    assertInvalid(name);
  }

  @ParameterizedTest
  @ValueSource(strings = {"C:report.csv", "report.csv:Zone.Identifier", "a:b"})
  void refusesColon(String name) {
    assertInvalid(name);
  }

  @ParameterizedTest
  @ValueSource(strings = {"\u2028.csv", ".csv\u2029", "\t.csv", "\u0085report.csv", "report.csv\r"})
  void refusesInvisibleCharactersAtTheEdgesInsteadOfStrippingThem(String name) {
    assertInvalid(name);
  }

  @ParameterizedTest
  @ValueSource(strings = {"\"a", "a\".csv", "a|b.csv", "what?.csv", "*.csv"})
  void refusesWildcardsThePipeAndTheQuoteOfANameCutShort(String name) {
    assertInvalid(name);
  }

  @ParameterizedTest
  @ValueSource(strings = {"<img src=x onerror=alert(1)>.csv", "<script>.csv", "a > b & c.csv"})
  void takesMarkupCharactersAsTheyAreSinceEveryViewEscapesThem(String name) {
    assertEquals(name, FilenamePolicy.validate(name));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "nul\u0000.csv",
        "line\nbreak.csv",
        "carriage\rreturn.csv",
        "tab\tname.csv",
        "escape\u001b[31m.csv",
        "delete\u007f.csv",
        "c1\u0085.csv",
        "bidi\u202egpj.exe",
        "zero\u200bwidth.csv",
        "bom\ufeff.csv",
        "line\u2028separator.csv",
        "paragraph\u2029separator.csv"
      })
  void refusesControlAndFormatCharacters(String name) {
    assertInvalid(name);
  }

  @Test
  void refusesFormatCharacterOutsideTheBasicPlane() {
    // U+E0041 TAG LATIN CAPITAL LETTER A (category Cf), written as a surrogate pair.
    assertInvalid("invoice" + new String(Character.toChars(0xE0041)) + ".csv");
  }

  private static void assertInvalid(String name) {
    ProblemException e =
        assertThrows(ProblemException.class, () -> FilenamePolicy.validate(name), name);
    assertEquals(ProblemType.INVALID_FILENAME, e.type());
  }
}
