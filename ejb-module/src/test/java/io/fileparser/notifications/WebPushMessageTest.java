package io.fileparser.notifications;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.interaso.webpush.VapidKeys;
import com.interaso.webpush.WebPush;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * What the server sends a push service, checked the way a browser and a push service would, with
 * the JDK's crypto only: the aes128gcm body decrypts (RFC 8291), the VAPID token verifies under the
 * key it names and carries the right claims (RFC 8292), and the key files are read right.
 */
class WebPushMessageTest {

  private static final Base64.Decoder B64URL = Base64.getUrlDecoder();
  private static final Base64.Encoder TO_B64URL = Base64.getUrlEncoder().withoutPadding();

  /** RFC 8291 section 5. */
  @Test
  void theIndependentReceiverDecryptsTheRfc8291Example() throws Exception {
    Aes128GcmReceiver browser =
        new Aes128GcmReceiver(
            B64URL.decode("q1dXpw3UpT5VOmu_cf_v6ih07Aems3njxI-JWgLcM94"),
            B64URL.decode(
                "BCVxsr7N_eNgVRqvHtD0zTZsEc6-VV-JvLexhqUzORcxaOzi6-AYWXvTBHm4bjyPjs7Vd8pZGH6SRpkNtoIAiw4"),
            B64URL.decode("BTBZMqHH6r4Tts7J_aSIgg"));
    byte[] body =
        B64URL.decode(
            "DGv6ra1nlYgDCS1FRnbzlwAAEABBBP4z9KsN6nGRTbVYI_c7VJSPQTBtkgcy27ml"
                + "mlMoZIIgDll6e3vCYLocInmYWAmS6TlzAC8wEqKK6PBru3jl7A_yl95bQpu6cVPT"
                + "pK4Mqgkf1CXztLVBSt2Ks3oZwbuwXPXLWyouBWLVWGNWQexSgSxsj_Qulcy4a-fN");

    assertEquals(
        "When I grow up, I want to be a watermelon",
        new String(browser.decrypt(body), StandardCharsets.UTF_8));

    body[body.length - 1] ^= 1;
    assertThrows(GeneralSecurityException.class, () -> browser.decrypt(body));
  }

  @Test
  void aBrowserDecryptsWhatTheServerSends() throws Exception {
    KeyPair ua = p256();
    byte[] auth = new byte[16];
    new SecureRandom().nextBytes(auth);
    byte[] uaPublic = Aes128GcmReceiver.uncompressed((ECPublicKey) ua.getPublic());
    byte[] payload =
        "{\"type\":\"notification\",\"notification\":{\"title\":\"Job completed ✓\"}}"
            .getBytes(StandardCharsets.UTF_8);

    byte[] body =
        new WebPush("mailto:ops@example.com", VapidKeys.generate())
            .getBody(payload, uaPublic, auth);

    Aes128GcmReceiver browser =
        new Aes128GcmReceiver(
            Aes128GcmReceiver.fixed(((ECPrivateKey) ua.getPrivate()).getS()), uaPublic, auth);
    assertArrayEquals(payload, browser.decrypt(body));
    byte[] otherAuth = auth.clone();
    otherAuth[0] ^= 1;
    assertThrows(
        GeneralSecurityException.class,
        () ->
            new Aes128GcmReceiver(
                    Aes128GcmReceiver.fixed(((ECPrivateKey) ua.getPrivate()).getS()),
                    uaPublic,
                    otherAuth)
                .decrypt(body));
  }

  @Test
  void theVapidTokenVerifiesUnderTheServersKeyForThePushServicesOrigin() throws Exception {
    KeyPair server = p256();
    VapidKeys keys =
        VapidKeyFiles.read(
            pem("PRIVATE KEY", server.getPrivate().getEncoded()),
            pem("PUBLIC KEY", server.getPublic().getEncoded()));
    byte[] served = keys.getApplicationServerKey();
    assertArrayEquals(Aes128GcmReceiver.uncompressed((ECPublicKey) server.getPublic()), served);

    Map<String, String> headers =
        new WebPush("mailto:ops@example.com", keys)
            .getHeaders(
                "https://push.example.net:8443/wpush/v2/abc?x=1",
                3600,
                null,
                WebPush.Urgency.Normal);

    assertEquals("aes128gcm", headers.get("Content-Encoding"));
    assertEquals("3600", headers.get("TTL"));
    Matcher vapid =
        Pattern.compile(
                "vapid t=([A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+), ?k=([A-Za-z0-9_-]+)")
            .matcher(headers.get("Authorization"));
    assertTrue(vapid.matches(), headers::toString);
    assertEquals(TO_B64URL.encodeToString(served), vapid.group(2));

    JsonNode claims =
        verifiedClaims(vapid.group(1), Aes128GcmReceiver.publicKey(B64URL.decode(vapid.group(2))));
    assertEquals("https://push.example.net:8443", claims.path("aud").asText());
    assertEquals("mailto:ops@example.com", claims.path("sub").asText());
    long exp = claims.path("exp").asLong();
    long now = Instant.now().getEpochSecond();
    assertTrue(exp > now && exp <= now + 24 * 3600, claims::toString);

    String forged = vapid.group(1).substring(0, vapid.group(1).length() - 4) + "AAAA";
    assertThrows(
        AssertionError.class,
        () -> verifiedClaims(forged, Aes128GcmReceiver.publicKey(B64URL.decode(vapid.group(2)))));
  }

  /** The claims of an ES256 JWT whose signature {@code key} verifies (RFC 7515, RFC 7518 3.4). */
  static JsonNode verifiedClaims(String jwt, ECPublicKey key) throws Exception {
    String[] parts = jwt.split("\\.");
    ObjectMapper json = new ObjectMapper();
    assertEquals("ES256", json.readTree(B64URL.decode(parts[0])).path("alg").asText());
    byte[] jose = B64URL.decode(parts[2]);
    assertEquals(64, jose.length);
    Signature es256 = Signature.getInstance("SHA256withECDSAinP1363Format");
    es256.initVerify(key);
    es256.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
    assertTrue(es256.verify(jose), "the VAPID signature does not verify");
    return json.readTree(B64URL.decode(parts[1]));
  }

  private static KeyPair p256() throws GeneralSecurityException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    return generator.generateKeyPair();
  }

  private static String pem(String label, byte[] der) {
    return "-----BEGIN "
        + label
        + "-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
        + "\n-----END "
        + label
        + "-----\n";
  }
}
