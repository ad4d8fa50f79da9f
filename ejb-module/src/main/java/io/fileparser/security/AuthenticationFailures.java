package io.fileparser.security;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.security.PublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Where the authentication mechanism reports each refused request, to be counted per window and
 * recorded in bulk ({@link AuthFailureCounter}, {@link AuthFailureFlush}): a flood of bad
 * credentials costs one Redis script call per request and one audit record per window and trail,
 * never a database write per request. Only refused requests come here, so an accepted one costs
 * nothing more.
 *
 * <p>Never fails the request it is told about: when Redis does not answer, the failure is not
 * counted and the outage is logged once a minute.
 */
@ApplicationScoped
public class AuthenticationFailures {

  private static final Logger LOG = Logger.getLogger(AuthenticationFailures.class.getName());

  @Inject AuthFailureCounter counter;

  @Inject
  @ConfigProperty(name = "fileparser.security.tenant-claim", defaultValue = "tenant_id")
  String tenantClaim = "tenant_id";

  /** The key tokens are signed with, to tell a bad signature from other refusals. */
  @Inject
  @ConfigProperty(name = "mp.jwt.verify.publickey")
  Optional<String> publicKey = Optional.empty();

  @Inject
  @ConfigProperty(name = "mp.jwt.verify.clock.skew", defaultValue = "60")
  long clockSkewSeconds = 60;

  private PublicKey trustedKey;
  private volatile Instant lastOutageLogged = Instant.EPOCH;

  @PostConstruct
  void readKey() {
    trustedKey = RefusedToken.rsaKey(publicKey.orElse(null));
  }

  /** A request refused for {@code reason}, claiming nothing, from {@code source}. */
  public void refused(AuthFailureReason reason, String source) {
    count(AuthFailure.of(reason, source));
  }

  /** A refused API key, as {@link ApiKeyService#check} found it. */
  public void refused(ApiKeyCheck check, String source) {
    count(check.failure(source));
  }

  /** A bearer token the JWT mechanism refused: why is read from the token itself. */
  public void refusedToken(String token, String source) {
    RefusedToken refused =
        RefusedToken.read(
            token, trustedKey, tenantClaim, Instant.now(), Duration.ofSeconds(clockSkewSeconds));
    count(new AuthFailure(refused.reason(), source, refused.claimedTenant(), null));
  }

  private void count(AuthFailure failure) {
    try {
      counter.count(failure);
    } catch (RuntimeException e) { // Redis away, or anything else: the request goes on
      Instant now = Instant.now();
      if (now.isAfter(lastOutageLogged.plus(Duration.ofMinutes(1)))) {
        lastOutageLogged = now;
        LOG.log(
            Level.WARNING,
            "authentication failures not counted for the audit trail: Redis did not answer",
            e);
      }
    }
  }
}
