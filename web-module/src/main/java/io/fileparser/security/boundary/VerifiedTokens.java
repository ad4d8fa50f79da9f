package io.fileparser.security.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Bearer tokens that Payara's MicroProfile JWT mechanism has verified, remembered so that a client
 * presenting the same token again (a client polls with one token for its lifetime) is not verified
 * anew: parsing the token and checking its RSA signature was the largest part of a status read.
 *
 * <p>A token is recalled only as the exact string that was verified, and only while it would still
 * pass verification: before its {@code exp} and within {@code mp.jwt.verify.token.age} of its
 * {@code iat}, each with the configured clock skew, as Payara checks them. Issuer, audience and
 * signature cannot change for the same string. What a remembered token does not see is a change of
 * the verification key: a token signed with a key since withdrawn stays accepted for at most {@link
 * #MAX_KEEP}. The memory is bounded ({@link #CAPACITY} tokens); when it is full the expired tokens
 * go, and if none has expired, all of them (they are verified again when next presented).
 */
@ApplicationScoped
public class VerifiedTokens {

  static final int CAPACITY = 10_000;
  static final Duration MAX_KEEP = Duration.ofMinutes(5);

  /** A verified token and the groups it gives, and until when it may be recalled. */
  public record Verified(JsonWebToken token, Set<String> groups, Instant validUntil) {}

  private final ConcurrentHashMap<String, Verified> known = new ConcurrentHashMap<>();

  @Inject
  @ConfigProperty(name = "mp.jwt.verify.clock.skew", defaultValue = "0")
  long clockSkewSeconds;

  @Inject
  @ConfigProperty(name = "mp.jwt.verify.token.age", defaultValue = "-1")
  long maxAgeSeconds;

  /** The token verified earlier, if it is still within its validity at {@code now}. */
  public Optional<Verified> recall(String compact, Instant now) {
    Verified verified = known.get(compact);
    if (verified == null) {
      return Optional.empty();
    }
    if (!now.isBefore(verified.validUntil())) {
      known.remove(compact, verified);
      return Optional.empty();
    }
    return Optional.of(verified);
  }

  /** Remembers a token the mechanism has just verified at {@code now}. */
  public Verified remember(String compact, JsonWebToken token, Instant now) {
    Set<String> groups = token.getGroups() == null ? Set.of() : Set.copyOf(token.getGroups());
    Verified verified = new Verified(token, groups, validUntil(token, now));
    if (verified.validUntil().isAfter(now)) {
      if (known.size() >= CAPACITY) {
        known.values().removeIf(v -> !now.isBefore(v.validUntil()));
        if (known.size() >= CAPACITY) {
          known.clear();
        }
      }
      known.put(compact, verified);
    }
    return verified;
  }

  /** How many tokens are remembered. */
  public int size() {
    return known.size();
  }

  Instant validUntil(JsonWebToken token, Instant now) {
    Instant until = now.plus(MAX_KEEP);
    long exp = token.getExpirationTime();
    if (exp > 0) {
      until = min(until, Instant.ofEpochSecond(exp + clockSkewSeconds));
    }
    long iat = token.getIssuedAtTime();
    if (maxAgeSeconds >= 0 && iat > 0) {
      until = min(until, Instant.ofEpochSecond(iat + maxAgeSeconds + clockSkewSeconds));
    }
    return until;
  }

  private static Instant min(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }
}
