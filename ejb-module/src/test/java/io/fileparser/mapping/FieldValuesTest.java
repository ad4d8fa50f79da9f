package io.fileparser.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Values read as the workers read them. */
class FieldValuesTest {

  @ParameterizedTest(name = "{0} {1} ''{2}'' -> {3}")
  @CsvSource(
      delimiter = '|',
      nullValues = "NONE",
      value = {
        "integer|NONE|42|true",
        "integer|NONE|4.2|false",
        "decimal|NONE|-4.25|true",
        "decimal|comma|1.234,50|true",
        "currency|NONE|EUR 12.50|true",
        "phone|NONE|+44 1632 960001|true",
        "phone|NONE|call me|false",
        "datetime|NONE|2026-03-01 10:00:00|true",
        "datetime|NONE|2026-03-01T10:00:00+02:00|true",
        "datetime|NONE|yesterday|false",
        "datetime|epoch|1767261600|true",
        "datetime|%d/%m/%Y %H:%M|01/03/2026 10:00|true",
        "datetime|%d/%m/%Y %H:%M|2026-03-01 10:00|false",
        "date|NONE|2026-03-01|true",
        "duration|NONE|0:01:30|true",
        "duration|NONE|90|true",
        "duration|seconds|1:30|false",
        "string|NONE|anything|true"
      })
  void readsAsTheType(String type, String format, String text, boolean reads) {
    assertEquals(reads, FieldValues.reads(type, format, text, List.of()));
  }

  @ParameterizedTest
  @CsvSource({"answered,true", "BUSY,true", "lost,false"})
  void anEnumReadsItsValuesInAnyCase(String text, boolean reads) {
    assertEquals(reads, FieldValues.reads("enum", null, text, List.of("ANSWERED", "BUSY")));
  }
}
