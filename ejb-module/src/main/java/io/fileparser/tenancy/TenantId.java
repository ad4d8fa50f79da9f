package io.fileparser.tenancy;

import java.util.regex.Pattern;

/**
 * The rule every tenant id keeps: 1 to 64 ASCII letters, digits, dots, underscores and dashes,
 * starting with a letter or a digit. So a tenant id is always one safe path segment or object key
 * segment ({@code .} and {@code ..} fail on their first character), which lets the stores put it
 * into paths and keys as it is, and a token's tenant claim cannot name another tenant's folder.
 *
 * <p>The same rule is the {@code tenants_id_format} check of the tenants table ({@code
 * V1__foundation.sql}) and {@code worker/parser_worker/tenancy.py}.
 */
public final class TenantId {

  private static final Pattern RULE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

  private TenantId() {}

  /** Whether {@code tenantId} keeps the rule; null does not. */
  public static boolean isValid(String tenantId) {
    return tenantId != null && RULE.matcher(tenantId).matches();
  }

  /**
   * Returns {@code tenantId} when it keeps the rule.
   *
   * @throws IllegalArgumentException when it does not (the message does not repeat it, since it may
   *     be anything a client sent)
   */
  public static String require(String tenantId) {
    if (!isValid(tenantId)) {
      throw new IllegalArgumentException(
          "not a tenant id: 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or"
              + " digit");
    }
    return tenantId;
  }
}
