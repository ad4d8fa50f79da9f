package io.fileparser.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** clamd's INSTREAM replies, as seen from clamd 1.4.6, mapped to verdicts. */
class ClamdReplyParsingTest {

  @Test
  void okIsClean() throws Exception {
    assertEquals(ScanVerdict.clean(12), ClamdClient.parseScanReply("stream: OK", 12));
  }

  @Test
  void foundCarriesTheSignatureName() throws Exception {
    assertEquals(
        ScanVerdict.infected("Eicar-Test-Signature.UNOFFICIAL", 68),
        ClamdClient.parseScanReply("stream: Eicar-Test-Signature.UNOFFICIAL FOUND", 68));
  }

  @Test
  void clamdsStreamLimitIsItsOwnVerdictWithClamdsText() throws Exception {
    assertEquals(
        ScanVerdict.limitExceeded("INSTREAM size limit exceeded.", 10),
        ClamdClient.parseScanReply("INSTREAM size limit exceeded. ERROR", 10));
  }

  @Test
  void errorAboutTheStreamLosesItsPrefix() throws Exception {
    assertEquals(
        ScanVerdict.error("Can't allocate memory", 3),
        ClamdClient.parseScanReply("stream: Can't allocate memory ERROR", 3));
  }

  @Test
  void trailingLineBreakIsIgnored() throws Exception {
    assertEquals(ScanVerdict.clean(0), ClamdClient.parseScanReply("stream: OK\n", 0));
  }

  @Test
  void anythingElseIsAProtocolFailure() {
    assertThrows(ClamdException.class, () -> ClamdClient.parseScanReply("UNKNOWN COMMAND", 0));
    assertThrows(ClamdException.class, () -> ClamdClient.parseScanReply("stream: FOUND", 0));
    assertThrows(ClamdException.class, () -> ClamdClient.parseScanReply("PONG", 0));
  }

  @Test
  void verdictRejectsASignatureOnCleanAndNoneOnInfected() {
    assertThrows(
        IllegalArgumentException.class, () -> new ScanVerdict(ScanVerdict.Outcome.CLEAN, "x", 0));
    assertThrows(IllegalArgumentException.class, () -> ScanVerdict.infected(null, 0));
  }
}
