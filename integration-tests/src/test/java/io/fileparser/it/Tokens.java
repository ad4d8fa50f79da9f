package io.fileparser.it;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.UUID;

/**
 * Bearer tokens as the identity provider would issue them (RS256, signed with the development key
 * in {@code var/keys}), and the broken kinds the server must refuse.
 */
final class Tokens {

  static final String ISSUER = "fileparser-dev";

  /** The audience the server accepts ({@code mp.jwt.verify.audiences}, its default). */
  static final String AUDIENCE = "file-parser-api";

  /** How far the server lets {@code exp} and the age slip ({@code mp.jwt.verify.clock.skew}). */
  static final Duration CLOCK_SKEW = Duration.ofSeconds(30);

  /** How long after {@code iat} the server accepts a token ({@code mp.jwt.verify.token.age}). */
  static final Duration MAX_AGE = Duration.ofSeconds(3600);

  static final String DEFAULT_SUBJECT = "it-user";

  private static final PrivateKey SERVER_TRUSTED_KEY = readPrivateKey();

  private Tokens() {}

  /** A valid token of {@code tenant} for a user with {@code roles}. */
  static String of(String tenant, String... roles) {
    return bySubject(DEFAULT_SUBJECT, tenant, roles);
  }

  static String bySubject(String subject, String tenant, String... roles) {
    return sign(claims(ISSUER, subject, tenant, roles, Duration.ofHours(1)), SERVER_TRUSTED_KEY);
  }

  /** Issued two hours ago, expired one hour ago. */
  static String expired(String tenant, String... roles) {
    return issuedAgo(Duration.ofHours(2), Duration.ofHours(1), tenant, roles);
  }

  /** Issued {@code ago} before now and valid for {@code ttl} from then. */
  static String issuedAgo(Duration ago, Duration ttl, String tenant, String... roles) {
    Instant issued = Instant.now().minus(ago);
    JWTClaimsSet claims =
        new JWTClaimsSet.Builder(claims(ISSUER, DEFAULT_SUBJECT, tenant, roles, Duration.ZERO))
            .issueTime(Date.from(issued))
            .expirationTime(Date.from(issued.plus(ttl)))
            .build();
    return sign(claims, SERVER_TRUSTED_KEY);
  }

  /** Correctly signed, with exactly these audiences in {@code aud}. */
  static String withAudiences(List<String> audiences, String tenant, String... roles) {
    JWTClaimsSet claims =
        new JWTClaimsSet.Builder(
                claims(ISSUER, DEFAULT_SUBJECT, tenant, roles, Duration.ofHours(1)))
            .audience(audiences)
            .build();
    return sign(claims, SERVER_TRUSTED_KEY);
  }

  /** Correctly signed, but naming no audience at all. */
  static String withoutAudience(String tenant, String... roles) {
    JWTClaimsSet claims =
        new JWTClaimsSet.Builder(
                claims(ISSUER, DEFAULT_SUBJECT, tenant, roles, Duration.ofHours(1)))
            .audience((String) null)
            .build();
    return sign(claims, SERVER_TRUSTED_KEY);
  }

  /** Well-formed, but signed with a freshly generated key the server has never seen. */
  static String signedByForeignKey(String tenant, String... roles) {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      PrivateKey foreign = generator.generateKeyPair().getPrivate();
      return sign(claims(ISSUER, DEFAULT_SUBJECT, tenant, roles, Duration.ofHours(1)), foreign);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** {@code alg: none}: valid claims and no signature at all. */
  static String unsigned(String tenant, String... roles) {
    Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    String header = "{\"alg\":\"none\",\"typ\":\"JWT\"}";
    String payload = claims(ISSUER, DEFAULT_SUBJECT, tenant, roles, Duration.ofHours(1)).toString();
    return b64.encodeToString(header.getBytes(StandardCharsets.UTF_8))
        + "."
        + b64.encodeToString(payload.getBytes(StandardCharsets.UTF_8))
        + ".";
  }

  /** The platform operator: no tenant, only the {@code operator} role. */
  static String operator() {
    return sign(
        claims(ISSUER, "it-operator", null, new String[] {"operator"}, Duration.ofHours(1)),
        SERVER_TRUSTED_KEY);
  }

  /** Correctly signed, but naming no tenant. */
  static String withoutTenant(String... roles) {
    return sign(
        claims(ISSUER, DEFAULT_SUBJECT, null, roles, Duration.ofHours(1)), SERVER_TRUSTED_KEY);
  }

  /** Correctly signed by the trusted key, but issued by someone else. */
  static String withIssuer(String issuer, String tenant, String... roles) {
    return sign(
        claims(issuer, DEFAULT_SUBJECT, tenant, roles, Duration.ofHours(1)), SERVER_TRUSTED_KEY);
  }

  /** An OpenID Connect ID token for the console's client, carrying the sign-in's nonce. */
  static String idToken(String subject, String tenant, String clientId, String nonce) {
    JWTClaimsSet base = claims(ISSUER, subject, tenant, new String[0], Duration.ofMinutes(5));
    return sign(
        new JWTClaimsSet.Builder(base).audience(clientId).claim("nonce", nonce).build(),
        SERVER_TRUSTED_KEY);
  }

  private static JWTClaimsSet claims(
      String issuer, String subject, String tenant, String[] roles, Duration ttl) {
    Instant now = Instant.now();
    JWTClaimsSet.Builder claims =
        new JWTClaimsSet.Builder()
            .issuer(issuer)
            .audience(AUDIENCE)
            .subject(subject)
            .claim("upn", subject)
            .claim("groups", List.of(roles))
            .issueTime(Date.from(now))
            .expirationTime(Date.from(now.plus(ttl)))
            .jwtID(UUID.randomUUID().toString());
    if (tenant != null) {
      claims.claim("tenant_id", tenant);
    }
    return claims.build();
  }

  private static String sign(JWTClaimsSet claims, PrivateKey key) {
    SignedJWT jwt =
        new SignedJWT(
            new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT).build(), claims);
    try {
      jwt.sign(new RSASSASigner(key));
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
    return jwt.serialize();
  }

  private static PrivateKey readPrivateKey() {
    try {
      String pem =
          Files.readString(TestEnvironment.varDir().resolve("keys/jwt-private.pem"))
              .replaceAll("-----(BEGIN|END) PRIVATE KEY-----", "")
              .replaceAll("\\s", "");
      return KeyFactory.getInstance("RSA")
          .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
    } catch (IOException e) {
      throw new UncheckedIOException("no development key: run payara/run first", e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("jwt-private.pem is not a PKCS#8 RSA key", e);
    }
  }
}
