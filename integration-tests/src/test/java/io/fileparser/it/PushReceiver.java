package io.fileparser.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Cipher;
import javax.crypto.KeyAgreement;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * A push service and a browser in one, for the tests: an HTTP endpoint on loopback (JDK HttpServer)
 * that takes Web Push messages the way a push service does, checks the VAPID token (RFC 8292) and
 * decrypts the body with its browser keys (RFC 8291, aes128gcm), using the JDK's crypto only.
 */
final class PushReceiver implements AutoCloseable {

  private static final Base64.Decoder B64URL = Base64.getUrlDecoder();
  private static final Base64.Encoder TO_B64URL = Base64.getUrlEncoder().withoutPadding();
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One push as received. */
  record Push(String path, Map<String, String> headers, byte[] body) {}

  private final HttpServer server;
  private final KeyPair browser;
  private final byte[] authSecret = new byte[16];
  private final BlockingQueue<Push> received = new LinkedBlockingQueue<>();

  /** A receiver answering every push with {@code status} (201 accepts; 410 says "gone"). */
  PushReceiver(int status) throws IOException, GeneralSecurityException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    this.browser = generator.generateKeyPair();
    new SecureRandom().nextBytes(authSecret);
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/",
        exchange -> {
          try (InputStream in = exchange.getRequestBody()) {
            Map<String, String> headers = new java.util.HashMap<>();
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(), v.get(0)));
            received.add(new Push(exchange.getRequestURI().getPath(), headers, in.readAllBytes()));
          }
          exchange.sendResponseHeaders(status, -1);
          exchange.close();
        });
    server.start();
  }

  /** The subscription a browser would post: endpoint and keys. */
  Map<String, Object> subscription(String path) {
    return Map.of(
        "endpoint",
        origin() + path,
        "keys",
        Map.of(
            "p256dh", TO_B64URL.encodeToString(uncompressed((ECPublicKey) browser.getPublic())),
            "auth", TO_B64URL.encodeToString(authSecret)));
  }

  /** {@code http://127.0.0.1:<port>}: the audience a VAPID token for this receiver names. */
  String origin() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  Push next(Duration timeout) throws InterruptedException {
    Push push = received.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    assertNotNull(push, "no push within " + timeout);
    return push;
  }

  /**
   * Checks the push as a push service does (a VAPID token signed by {@code vapidPublicKey} for this
   * origin, not expired, at most 24 h ahead) and decrypts it as the browser does.
   */
  JsonNode verifyAndDecrypt(Push push, String vapidPublicKey) throws Exception {
    assertEquals("aes128gcm", push.headers().get("content-encoding"), push.headers()::toString);
    assertNotNull(push.headers().get("ttl"), push.headers()::toString);
    Matcher vapid =
        Pattern.compile(
                "vapid t=([A-Za-z0-9_-]+)\\.([A-Za-z0-9_-]+)\\.([A-Za-z0-9_-]+), ?k=([A-Za-z0-9_-]+)")
            .matcher(String.valueOf(push.headers().get("authorization")));
    assertTrue(vapid.matches(), () -> "Authorization: " + push.headers().get("authorization"));
    assertEquals(vapidPublicKey, vapid.group(4), "k is the server's VAPID public key");

    JsonNode header = JSON.readTree(B64URL.decode(vapid.group(1)));
    assertEquals("ES256", header.path("alg").asText(), header::toString);
    Signature es256 = Signature.getInstance("SHA256withECDSAinP1363Format");
    es256.initVerify(publicKey(B64URL.decode(vapid.group(4))));
    es256.update((vapid.group(1) + "." + vapid.group(2)).getBytes(StandardCharsets.US_ASCII));
    assertTrue(es256.verify(B64URL.decode(vapid.group(3))), "the VAPID signature verifies");
    JsonNode claims = JSON.readTree(B64URL.decode(vapid.group(2)));
    assertEquals(origin(), claims.path("aud").asText(), claims::toString);
    long now = System.currentTimeMillis() / 1000;
    long exp = claims.path("exp").asLong();
    assertTrue(exp > now && exp <= now + 24 * 3600 + 60, claims::toString);
    assertTrue(
        claims.path("sub").asText().startsWith("mailto:")
            || claims.path("sub").asText().startsWith("https:"),
        claims::toString);

    return JSON.readTree(decrypt(push.body()));
  }

  /** RFC 8291 section 3.4 and RFC 8188, one record. */
  byte[] decrypt(byte[] body) throws GeneralSecurityException {
    ByteBuffer in = ByteBuffer.wrap(body);
    byte[] salt = new byte[16];
    in.get(salt);
    in.getInt(); // record size
    byte[] asPublic = new byte[in.get() & 0xff];
    in.get(asPublic);
    byte[] ciphertext = new byte[in.remaining()];
    in.get(ciphertext);

    KeyAgreement ecdh = KeyAgreement.getInstance("ECDH");
    ecdh.init(browser.getPrivate());
    ecdh.doPhase(publicKey(asPublic), true);
    byte[] uaPublic = uncompressed((ECPublicKey) browser.getPublic());
    byte[] prkKey = hmac(authSecret, ecdh.generateSecret());
    byte[] ikm =
        hmac(
            prkKey,
            concat(
                "WebPush: info".getBytes(StandardCharsets.US_ASCII),
                new byte[] {0},
                uaPublic,
                asPublic,
                new byte[] {1}));
    byte[] prk = hmac(salt, ikm);
    byte[] cek = Arrays.copyOf(hmac(prk, info("Content-Encoding: aes128gcm")), 16);
    byte[] nonce = Arrays.copyOf(hmac(prk, info("Content-Encoding: nonce")), 12);
    Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
    gcm.init(Cipher.DECRYPT_MODE, new SecretKeySpec(cek, "AES"), new GCMParameterSpec(128, nonce));
    byte[] padded = gcm.doFinal(ciphertext);
    int end = padded.length - 1;
    while (end >= 0 && padded[end] == 0) {
      end--;
    }
    assertTrue(end >= 0 && padded[end] == 2, "the last record ends with delimiter 0x02");
    return Arrays.copyOf(padded, end);
  }

  private static ECPublicKey publicKey(byte[] point) throws GeneralSecurityException {
    assertEquals(65, point.length);
    ECParameterSpec p256 = p256();
    ECPoint w =
        new ECPoint(
            new BigInteger(1, Arrays.copyOfRange(point, 1, 33)),
            new BigInteger(1, Arrays.copyOfRange(point, 33, 65)));
    return (ECPublicKey) KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(w, p256));
  }

  private static ECParameterSpec p256() throws GeneralSecurityException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    return ((ECPublicKey) generator.generateKeyPair().getPublic()).getParams();
  }

  private static byte[] uncompressed(ECPublicKey key) {
    return concat(new byte[] {4}, fixed(key.getW().getAffineX()), fixed(key.getW().getAffineY()));
  }

  private static byte[] fixed(BigInteger value) {
    byte[] raw = value.toByteArray();
    byte[] out = new byte[32];
    int copy = Math.min(raw.length, 32);
    System.arraycopy(raw, raw.length - copy, out, 32 - copy, copy);
    return out;
  }

  private static byte[] info(String label) {
    return concat(label.getBytes(StandardCharsets.US_ASCII), new byte[] {0, 1});
  }

  private static byte[] hmac(byte[] key, byte[] data) throws GeneralSecurityException {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(key, "HmacSHA256"));
    return mac.doFinal(data);
  }

  private static byte[] concat(byte[]... parts) {
    ByteBuffer out = ByteBuffer.allocate(Arrays.stream(parts).mapToInt(p -> p.length).sum());
    for (byte[] p : parts) {
      out.put(p);
    }
    return out.array();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
