package io.fileparser.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The text form of an API key: {@code fpk_<prefix>_<secret>}. The prefix is public and indexes the
 * key; the 256-bit secret is random, so a single SHA-256 is a sufficient one-way hash (no password
 * stretching is needed for a secret nobody chose).
 */
public record ApiKeyCredential(String prefix, String secret) {

  private static final Pattern FORMAT =
      Pattern.compile("fpk_([A-Za-z0-9]{12})_([A-Za-z0-9_-]{43})");
  private static final String PREFIX_ALPHABET =
      "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
  private static final SecureRandom RANDOM = new SecureRandom();

  /** A new key with a fresh random prefix and secret. */
  public static ApiKeyCredential generate() {
    StringBuilder prefix = new StringBuilder(12);
    for (int i = 0; i < 12; i++) {
      prefix.append(PREFIX_ALPHABET.charAt(RANDOM.nextInt(PREFIX_ALPHABET.length())));
    }
    byte[] secret = new byte[32];
    RANDOM.nextBytes(secret);
    return new ApiKeyCredential(
        prefix.toString(), Base64.getUrlEncoder().withoutPadding().encodeToString(secret));
  }

  /** Reads a presented key; anything not in the exact format is empty, never an exception. */
  public static Optional<ApiKeyCredential> parse(String presented) {
    if (presented == null) {
      return Optional.empty();
    }
    Matcher m = FORMAT.matcher(presented.strip());
    return m.matches()
        ? Optional.of(new ApiKeyCredential(m.group(1), m.group(2)))
        : Optional.empty();
  }

  public String token() {
    return "fpk_" + prefix + "_" + secret;
  }

  public byte[] secretHash() {
    try {
      return MessageDigest.getInstance("SHA-256")
          .digest(secret.getBytes(StandardCharsets.US_ASCII));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by the Java platform", e);
    }
  }

  /** Constant-time comparison with a stored hash. */
  public boolean matches(byte[] storedHash) {
    return MessageDigest.isEqual(secretHash(), storedHash);
  }

  @Override
  public String toString() {
    return "ApiKeyCredential[prefix=" + prefix + ", secret=***]";
  }
}
