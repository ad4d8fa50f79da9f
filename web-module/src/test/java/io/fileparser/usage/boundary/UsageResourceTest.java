package io.fileparser.usage.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.junit.jupiter.api.Test;

class UsageResourceTest {

  @Test
  void csvOnlyWhenTheClientPrefersItToJson() {
    assertEquals(true, UsageResource.wantsCsv(List.of(MediaType.valueOf("text/csv"))));
    assertEquals(true, UsageResource.wantsCsv(List.of(MediaType.valueOf("text/*"))));
    assertEquals(
        true,
        UsageResource.wantsCsv(
            List.of(MediaType.valueOf("text/csv"), MediaType.APPLICATION_JSON_TYPE)));
    assertEquals(
        false,
        UsageResource.wantsCsv(
            List.of(MediaType.APPLICATION_JSON_TYPE, MediaType.valueOf("text/csv"))));
    assertEquals(false, UsageResource.wantsCsv(List.of(MediaType.WILDCARD_TYPE)));
    assertEquals(false, UsageResource.wantsCsv(List.of()));
  }
}
