package io.fileparser.security;

import io.fileparser.tenancy.TenantId;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One refused request as the audit trail counts it: why, from which address, and what it claimed to
 * be, read without trusting it: the tenant a token names or a key belongs to, and a key's public
 * prefix. Never the presented secret or token. Claims that break their format are dropped rather
 * than kept, so nothing a client invents beyond a tenant id or a key prefix is stored.
 *
 * @param source the client's address (at most {@value #MAX_SOURCE} characters are kept)
 * @param claimedTenant a tenant id in the tenant-id format, or null
 * @param keyPrefix an API key's 12-character public prefix, or null
 */
public record AuthFailure(
    AuthFailureReason reason, String source, String claimedTenant, String keyPrefix) {

  static final int MAX_SOURCE = 64;

  private static final Pattern PREFIX = Pattern.compile("[A-Za-z0-9]{12}");
  private static final Pattern SOURCE_CHARACTERS = Pattern.compile("[^0-9A-Za-z.:%\\[\\]_-]");

  public AuthFailure {
    Objects.requireNonNull(reason, "reason");
    source = source == null || source.isEmpty() ? "unknown" : source;
    source = SOURCE_CHARACTERS.matcher(source).replaceAll("_");
    if (source.length() > MAX_SOURCE) {
      source = source.substring(0, MAX_SOURCE);
    }
    claimedTenant = TenantId.isValid(claimedTenant) ? claimedTenant : null;
    keyPrefix = keyPrefix != null && PREFIX.matcher(keyPrefix).matches() ? keyPrefix : null;
  }

  /** A refusal that claims nothing. */
  public static AuthFailure of(AuthFailureReason reason, String source) {
    return new AuthFailure(reason, source, null, null);
  }
}
