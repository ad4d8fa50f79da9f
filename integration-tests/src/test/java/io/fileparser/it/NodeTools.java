package io.fileparser.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The Node.js tools the system tests run (under {@code tools/}, each with its locked dependencies):
 * installed with {@code npm ci} when they are not, and run with their output collected.
 */
final class NodeTools {

  /** A finished command: its exit code (-1 when it timed out) and what it wrote. */
  record Result(int exit, String output) {}

  private NodeTools() {}

  /** Installs the locked dependencies of {@code tools} unless {@code module} is there already. */
  static void ensureInstalled(Path tools, String module) throws IOException, InterruptedException {
    if (!Files.isDirectory(tools.resolve("node_modules").resolve(module))) {
      Result install =
          run(
              tools,
              600,
              Map.of(),
              List.of("npm", "ci", "--prefix", tools.toString(), "--no-audit", "--no-fund"));
      assertEquals(0, install.exit(), () -> "npm ci failed:\n" + install.output());
    }
  }

  /** Runs {@code command} in {@code directory}, stderr with stdout, killed after the timeout. */
  static Result run(
      Path directory, long timeoutSeconds, Map<String, String> environment, List<String> command)
      throws IOException, InterruptedException {
    ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile());
    builder.redirectErrorStream(true);
    builder.environment().putAll(environment);
    Path log = Files.createTempFile("node-tool", ".log");
    builder.redirectOutput(log.toFile());
    Process process = builder.start();
    if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      return new Result(-1, "timed out after " + timeoutSeconds + " s\n" + Files.readString(log));
    }
    String output = Files.readString(log, StandardCharsets.UTF_8);
    Files.deleteIfExists(log);
    return new Result(process.exitValue(), output);
  }
}
