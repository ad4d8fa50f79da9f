package io.fileparser.jobs.entity;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import java.util.Locale;

/**
 * The steps of a job's breakdown, in the order they happen. Stored and shown by their wire name
 * ({@code received}, {@code stored}, ...), the names clients have always seen.
 */
public enum Step {
  RECEIVED,
  STORED,
  SCANNED,
  VALIDATED,
  QUEUED,
  DISPATCHED,
  PARSED;

  /** The name in the API and in the database. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Step fromWireName(String name) {
    return valueOf(name.toUpperCase(Locale.ROOT));
  }

  /** Keeps the stored lower-case names (job_steps.name) while the code speaks in constants. */
  @Converter
  public static class ByWireName implements AttributeConverter<Step, String> {
    @Override
    public String convertToDatabaseColumn(Step step) {
      return step == null ? null : step.wireName();
    }

    @Override
    public Step convertToEntityAttribute(String name) {
      return name == null ? null : fromWireName(name);
    }
  }
}
