package io.fileparser.resumable.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.fileparser.problem.ProblemException;
import io.fileparser.problem.ProblemType;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UploadMetadataTest {

  private static String b64(String s) {
    return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void readsPairsInOrderAsUtf8() {
    Map<String, String> pairs =
        UploadMetadata.parse(
            "filename "
                + b64("Zähler.csv")
                + ",filetype "
                + b64("text/csv")
                + ",priority "
                + b64("7"));
    assertEquals(List.of("filename", "filetype", "priority"), List.copyOf(pairs.keySet()));
    assertEquals("Zähler.csv", pairs.get("filename"));
    assertEquals("7", pairs.get("priority"));
  }

  @Test
  void aKeyMayComeWithoutAValueAndSpacesAfterCommasAreTolerated() {
    Map<String, String> pairs = UploadMetadata.parse("is_confidential, filename " + b64("a.csv"));
    assertEquals("", pairs.get("is_confidential"));
    assertEquals("a.csv", pairs.get("filename"));
  }

  @Test
  void absentIsEmpty() {
    assertEquals(Map.of(), UploadMetadata.parse(null));
  }

  @Test
  void firstPresentKeyWins() {
    Map<String, String> pairs = UploadMetadata.parse("name " + b64("b.csv"));
    assertEquals("b.csv", UploadMetadata.first(pairs, "filename", "name"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "filename not*base64",
        "filename YQ== extra",
        "filename YQ==,filename Yg==",
        ",filename YQ==",
        "file\u00e9name YQ==",
        "filename /w==" // 0xFF: not UTF-8
      })
  void refusesWhatBreaksTheRules(String header) {
    ProblemException e = assertThrows(ProblemException.class, () -> UploadMetadata.parse(header));
    assertEquals(ProblemType.INVALID_REQUEST, e.type());
  }

  @Test
  void refusesAnOverlongHeader() {
    assertThrows(
        ProblemException.class,
        () -> UploadMetadata.parse("k " + "A".repeat(UploadMetadata.MAX_LENGTH)));
  }
}
