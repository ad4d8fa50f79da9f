package io.fileparser.monitoring;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Durations in seconds at three percentiles; null where nothing was measured. */
@Schema(name = "Percentiles")
public record Percentiles(Double p50, Double p95, Double p99) {

  static Percentiles of(Object p50, Object p95, Object p99) {
    return new Percentiles(seconds(p50), seconds(p95), seconds(p99));
  }

  private static Double seconds(Object value) {
    return value == null ? null : Math.round(((Number) value).doubleValue() * 1000) / 1000.0;
  }
}
