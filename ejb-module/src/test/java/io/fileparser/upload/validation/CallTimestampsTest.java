package io.fileparser.upload.validation;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CallTimestampsTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "2024-01-31 10:00:00",
        "2024-01-31T10:00:00.123+01:00",
        "2024/01/31 10:00",
        "2024-01-31",
        "31.01.2024 10:00:00",
        "01/31/2024 10:00 PM",
        "20240131100000",
        "1706695200",
        "1706695200123",
        " 2024-01-31 10:00:00Z "
      })
  void acceptsTheFormsExportsWrite(String value) {
    assertTrue(CallTimestamps.isTimestamp(value), value);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "unknown", "2024-13-01", "32.13.2024", "2024-01-31 25:61", "12345"})
  void refusesWhatIsNoTime(String value) {
    assertFalse(CallTimestamps.isTimestamp(value), value);
  }

  @ParameterizedTest
  @ValueSource(strings = {"2024-02-30 10:00:00", "2024-01-31T10:00:00", "2024-01-31 10:00"})
  void holdsAsteriskToItsOneForm(String value) {
    assertFalse(CallTimestamps.isAsteriskTime(value), value);
  }
}
