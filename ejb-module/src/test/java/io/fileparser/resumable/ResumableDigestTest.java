package io.fileparser.resumable;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class ResumableDigestTest {

  @Test
  void digestResumedFromItsStateEqualsOneDigestOverAllBytes() throws Exception {
    byte[] first = "call_id,caller,callee\n".getBytes(StandardCharsets.UTF_8);
    byte[] second = "1,+4930123,+4940456\n".repeat(5000).getBytes(StandardCharsets.UTF_8);
    ResumableDigest before = ResumableDigest.fresh();
    before.update(first, 0, first.length);
    byte[] state = before.state();

    ResumableDigest after = ResumableDigest.resume(state);
    after.update(second, 0, second.length);

    MessageDigest whole = MessageDigest.getInstance("SHA-256");
    whole.update(first);
    whole.update(second);
    assertEquals(HexFormat.of().formatHex(whole.digest()), after.hex());
  }

  @Test
  void hexLeavesTheDigestUsable() throws Exception {
    ResumableDigest digest = ResumableDigest.fresh();
    digest.update(new byte[] {1, 2}, 0, 2);
    digest.hex();
    digest.update(new byte[] {3}, 0, 1);
    assertEquals(
        HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(new byte[] {1, 2, 3})),
        digest.hex());
  }

  @Test
  void freshDigestIsTheDigestOfNothing() {
    assertEquals(
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        ResumableDigest.resume(ResumableDigest.fresh().state()).hex());
  }
}
