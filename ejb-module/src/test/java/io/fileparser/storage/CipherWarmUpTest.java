package io.fileparser.storage;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;

import org.junit.jupiter.api.Test;

class CipherWarmUpTest {

  @Test
  void sealsOpensAndHashesWhatItWasAskedFor() {
    assertDoesNotThrow(() -> CipherWarmUp.warm(300));
  }

  @Test
  void nothingAskedIsNothingDone() {
    assertDoesNotThrow(() -> CipherWarmUp.warm(0));
  }
}
