package io.fileparser.problem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.ejb.EJBException;
import jakarta.persistence.PersistenceException;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class InputLimitsTest {

  @Test
  void textWithNulIsRefusedNamingTheValue() {
    ProblemException refused =
        assertThrows(ProblemException.class, () -> InputLimits.text("a\0b", "name"));

    assertEquals(ProblemType.INVALID_REQUEST, refused.type());
    assertTrue(refused.detail().startsWith("name "), refused.detail());
  }

  @ParameterizedTest
  @ValueSource(strings = {"a\ud800b", "\udc00", "end\ud83d"})
  void textWithAnUnpairedSurrogateIsRefused(String text) {
    ProblemException refused =
        assertThrows(ProblemException.class, () -> InputLimits.text(text, "name"));

    assertEquals(ProblemType.INVALID_REQUEST, refused.type());
  }

  @Test
  void ordinaryTextAndNullPass() {
    assertEquals("\ud83d\ude42 calls", InputLimits.text("\ud83d\ude42 calls", "name"));
    assertEquals("calls 'x' -- ; DROP", InputLimits.text("calls 'x' -- ; DROP", "name"));
    assertEquals(null, InputLimits.text(null, "name"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "+999999999-12-31T23:59:59Z",
        "-999999999-01-01T00:00:00Z",
        "+10000-01-01T00:00:00Z",
        "0000-12-31T23:59:59Z"
      })
  void instantsBeyondFourDigitYearsAreRefused(String text) {
    Instant instant = Instant.parse(text);

    ProblemException refused =
        assertThrows(ProblemException.class, () -> InputLimits.instant(instant, "createdFrom"));

    assertEquals(ProblemType.INVALID_REQUEST, refused.type());
    assertTrue(refused.detail().contains("createdFrom"), refused.detail());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"0001-01-01T00:00:00Z", "2026-11-29T17:00:00Z", "9999-12-31T23:59:59.999999Z"})
  void instantsOfFourDigitYearsPass(String text) {
    Instant instant = Instant.parse(text);

    assertEquals(instant, InputLimits.instant(instant, "createdFrom"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "7", " 9 ", "-1", "2147483647", "-2147483648", "0005"})
  void wholeNumbersOfAsciiDigitsAreRead(String text) {
    assertEquals(Integer.parseInt(text.strip()), InputLimits.wholeNumber(text).getAsInt());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        " ",
        "+5",
        "\u0665",
        "\uff15",
        "5.0",
        "1e3",
        "0x5",
        "2147483648",
        "99999999999",
        "--1",
        "5 5",
        "NaN"
      })
  void anythingElseIsNoWholeNumber(String text) {
    assertTrue(InputLimits.wholeNumber(text).isEmpty(), text);
  }

  @Test
  void aDataExceptionDeepInsideContainerWrappersIsARefusedValue() {
    Throwable failure =
        new EJBException(
            new PersistenceException(
                "could not execute statement",
                new SQLException("invalid byte sequence for encoding \"UTF8\": 0x00", "22021")));

    assertEquals(Optional.of("22021"), InputLimits.refusedByDatabase(failure));
  }

  @ParameterizedTest
  @ValueSource(strings = {"23505", "42P01", "08006", "40001"})
  void otherSqlStatesAreNoRefusedValue(String state) {
    assertEquals(Optional.empty(), InputLimits.refusedByDatabase(new SQLException("other", state)));
  }
}
