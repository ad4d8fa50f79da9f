package io.fileparser.upload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UploadOptionsTest {

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 5, 8, 9})
  void acceptsPriorityFromZeroToNine(int priority) {
    assertEquals(priority, new UploadOptions(priority, null, null).priority());
  }

  @ParameterizedTest
  @ValueSource(ints = {-1, 10, 100, Integer.MIN_VALUE, Integer.MAX_VALUE})
  void refusesPriorityOutsideZeroToNine(int priority) {
    assertThrows(IllegalArgumentException.class, () -> new UploadOptions(priority, null, null));
  }

  @Test
  void defaultPriorityIsTheMiddleOfTheRange() {
    assertEquals(5, UploadOptions.DEFAULT_PRIORITY);
  }
}
