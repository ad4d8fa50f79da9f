package io.fileparser.usage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fileparser.ratelimit.EndpointClass;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class ApiCallCountTest {

  @Test
  void aPendingFieldReadsBackAsTheCountItWasWrittenFrom() {
    ApiCallCount count =
        new ApiCallCount(42, "t-1.a_b", LocalDate.parse("2026-11-30"), EndpointClass.UPLOAD, 7);
    assertEquals("42|t-1.a_b:2026-11-30:upload", count.field());
    assertEquals(count, ApiCallCount.pending(count.field(), "7").orElseThrow());
    assertEquals(UsageMetric.API_CALLS_UPLOAD, count.metric());
  }

  @Test
  void aLiveSuffixReadsAsRoundZero() {
    ApiCallCount count = ApiCallCount.live("acme:2026-11-30:read", "3").orElseThrow();
    assertEquals(0, count.seq());
    assertEquals(EndpointClass.READ, count.endpointClass());
    assertEquals(3, count.value());
  }

  @Test
  void keysAndFieldsOfAnotherShapeAreIgnored() {
    assertTrue(ApiCallCount.live("acme:2026-11-30", "1").isEmpty());
    assertTrue(ApiCallCount.live("acme:2026-11-31:read", "1").isEmpty());
    assertTrue(ApiCallCount.live("acme:2026-11-30:delete", "1").isEmpty());
    assertTrue(ApiCallCount.live("acme:2026-11-30:read", "many").isEmpty());
    assertTrue(ApiCallCount.pending("acme:2026-11-30:read", "1").isEmpty());
    assertTrue(ApiCallCount.pending("0|acme:2026-11-30:read", "1").isEmpty());
    assertTrue(ApiCallCount.pending("x|acme:2026-11-30:read", "1").isEmpty());
  }
}
