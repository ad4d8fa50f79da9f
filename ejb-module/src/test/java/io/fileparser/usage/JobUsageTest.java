package io.fileparser.usage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class JobUsageTest {

  @Test
  void jobPagesComeFromTheWorkersSummaryOfAPdf() {
    assertEquals(12, JobUsage.pages("{\"pages\": 12, \"fields\": []}"));
    assertEquals(0, JobUsage.pages("{\"fields\": []}"));
    assertEquals(0, JobUsage.pages("{\"pages\": \"12\"}"));
    assertEquals(0, JobUsage.pages("{\"pages\": -3}"));
    assertEquals(0, JobUsage.pages(null));
    assertEquals(0, JobUsage.pages("not json"));
    assertEquals(0, JobUsage.rows(null));
    assertEquals(5, JobUsage.rows(5L));
  }
}
