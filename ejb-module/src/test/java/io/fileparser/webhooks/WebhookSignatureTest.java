package io.fileparser.webhooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class WebhookSignatureTest {

  /** The test vector of the Standard Webhooks reference libraries. */
  private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

  private static final String MSG_ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
  private static final long TIMESTAMP = 1614265330L;
  private static final byte[] PAYLOAD = "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8);

  @Test
  void signsTheSpecificationsTestVector() {
    assertEquals(
        "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=",
        WebhookSignature.sign(SECRET, MSG_ID, TIMESTAMP, PAYLOAD));
  }

  @Test
  void anotherIdTimestampOrBodyGivesAnotherSignature() {
    String expected = WebhookSignature.sign(SECRET, MSG_ID, TIMESTAMP, PAYLOAD);
    assertNotEquals(expected, WebhookSignature.sign(SECRET, MSG_ID + "x", TIMESTAMP, PAYLOAD));
    assertNotEquals(expected, WebhookSignature.sign(SECRET, MSG_ID, TIMESTAMP + 1, PAYLOAD));
    assertNotEquals(
        expected,
        WebhookSignature.sign(
            SECRET, MSG_ID, TIMESTAMP, "{\"test\":2432232314}".getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void duringARotationEverySecretSignsSeparatedBySpaces() {
    String other = WebhookSignature.newSecret();
    String header = WebhookSignature.header(List.of(other, SECRET), MSG_ID, TIMESTAMP, PAYLOAD);
    String[] signatures = header.split(" ");
    assertEquals(2, signatures.length);
    assertEquals(WebhookSignature.sign(other, MSG_ID, TIMESTAMP, PAYLOAD), signatures[0]);
    assertEquals("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=", signatures[1]);
  }

  @Test
  void newSecretsAreWhsecWith32RandomBytes() {
    String secret = WebhookSignature.newSecret();
    assertTrue(secret.startsWith("whsec_"), secret);
    assertEquals(32, Base64.getDecoder().decode(secret.substring(6)).length);
    assertNotEquals(secret, WebhookSignature.newSecret());
  }
}
