package io.fileparser.security.entity;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import java.util.Locale;

/** What a tenant wants done with an upload the virus scanner flags. */
public enum ScanPolicy {
  /** Refuse the upload (422) and store nothing: the default. */
  REJECT,
  /** Keep the file in quarantine with a job that is never parsed. */
  QUARANTINE;

  /** The name stored in {@code tenants.scan_policy} and documented for admins. */
  public String storedName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Keeps the documented lower-case column values while the code speaks in constants. */
  @Converter
  public static class ByStoredName implements AttributeConverter<ScanPolicy, String> {
    @Override
    public String convertToDatabaseColumn(ScanPolicy policy) {
      return policy == null ? null : policy.storedName();
    }

    @Override
    public ScanPolicy convertToEntityAttribute(String stored) {
      return stored == null ? null : valueOf(stored.toUpperCase(Locale.ROOT));
    }
  }
}
