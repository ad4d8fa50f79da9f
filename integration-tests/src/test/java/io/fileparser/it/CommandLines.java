package io.fileparser.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Every process's command line on this machine, as {@code ps} shows them to any user: where no
 * secret may appear.
 */
final class CommandLines {

  private CommandLines() {}

  static List<String> all() throws IOException, InterruptedException {
    // -ww: whole command lines, however long (the server's is several kilobytes).
    Process ps = new ProcessBuilder("ps", "-ww", "-eo", "args").redirectErrorStream(true).start();
    String out;
    try (InputStream in = ps.getInputStream()) {
      out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    assertTrue(ps.waitFor(30, TimeUnit.SECONDS) && ps.exitValue() == 0, () -> "ps failed: " + out);
    return out.lines().toList();
  }

  /** A command line's program only: a report must not repeat what it found there. */
  static String program(String line) {
    return line.strip().split("\\s+", 2)[0];
  }
}
