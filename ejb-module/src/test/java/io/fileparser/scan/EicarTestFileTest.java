package io.fileparser.scan;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Keeps every copy of the EICAR test file in the repository equal to the standard one (68 bytes,
 * MD5 {@value #STANDARD_MD5}): the development clamd database written by {@code payara/clamd}, the
 * component tests' {@link ClamdServer} and the system tests' samples. A copy that drifts (a lost
 * {@code $} makes 67 bytes) would let the real test file pass unscanned in development while every
 * test still agreed with itself.
 */
class EicarTestFileTest {

  /** The MD5 published by eicar.org for the 68-byte file. */
  static final String STANDARD_MD5 = "44d88612fea8a8f36de82e1278abb02f";

  private static final Path REPOSITORY = Path.of("..");

  @Test
  void componentTestsScanTheStandardFile() {
    assertStandard(ClamdServer.EICAR, "ClamdServer.EICAR");
  }

  @Test
  void developmentClamdDatabaseHashesTheStandardFile() throws IOException {
    String script = Files.readString(REPOSITORY.resolve("payara/clamd"), US_ASCII);
    // Single-quoted in bash, so the text between the quotes is the value, byte for byte.
    Matcher assignment = Pattern.compile("(?m)^\\s*eicar='([^']*)'\\s*$").matcher(script);

    assertTrue(assignment.find(), "payara/clamd no longer assigns eicar='...'");
    assertStandard(assignment.group(1).getBytes(US_ASCII), "payara/clamd");
  }

  @Test
  void systemTestSampleIsTheStandardFile() throws IOException {
    Path samples =
        REPOSITORY.resolve("integration-tests/src/test/java/io/fileparser/it/SampleFiles.java");
    String source = Files.readString(samples, US_ASCII);
    Matcher literal =
        Pattern.compile("static byte\\[\\] eicar\\(\\) \\{\\s*return \"((?:[^\"\\\\]|\\\\.)*)\"")
            .matcher(source);

    assertTrue(literal.find(), "SampleFiles.eicar() no longer returns one string literal");
    assertStandard(unescapeJava(literal.group(1)).getBytes(US_ASCII), "SampleFiles.eicar()");
  }

  private static void assertStandard(byte[] candidate, String where) {
    assertEquals(68, candidate.length, where + ": length of the EICAR test file");
    assertEquals(STANDARD_MD5, md5(candidate), where + ": MD5 of the EICAR test file");
    assertArrayEquals(ClamdServer.EICAR, candidate, where);
  }

  /** Enough of Java's escapes for the EICAR literal: an escaped character stands for itself. */
  private static String unescapeJava(String literal) {
    StringBuilder text = new StringBuilder(literal.length());
    for (int i = 0; i < literal.length(); i++) {
      char c = literal.charAt(i);
      text.append(c == '\\' && i + 1 < literal.length() ? literal.charAt(++i) : c);
    }
    return text.toString();
  }

  private static String md5(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
