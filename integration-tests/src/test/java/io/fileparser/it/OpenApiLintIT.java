package io.fileparser.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The OpenAPI document the server publishes passes Redocly CLI's recommended rules (as configured
 * in tools/openapi/redocly.yaml) without errors or warnings, so code generators and other tools
 * accept it.
 */
class OpenApiLintIT {

  private static final Pattern FINDING = Pattern.compile("^\\s*(error|warning)\\s+\\S+: \\d+");

  @Test
  void publishedDocumentLintsClean() throws Exception {
    ApiResponse response =
        Api.call("GET", TestEnvironment.serverUri("/openapi"))
            .header("Accept", "application/json")
            .send();
    assertEquals(200, response.status(), response::toString);
    Path document = Path.of("target", "openapi", "openapi.json").toAbsolutePath();
    Files.createDirectories(document.getParent());
    Files.writeString(document, response.text());

    Path tools = TestEnvironment.repoDir().resolve("tools/openapi");
    if (!Files.isDirectory(tools.resolve("node_modules/@redocly/cli"))) {
      Result install =
          run(tools, 600, "npm", "ci", "--prefix", tools.toString(), "--no-audit", "--no-fund");
      assertEquals(0, install.exit(), () -> "npm ci failed:\n" + install.output());
    }
    Result lint =
        run(
            tools,
            300,
            "npx",
            "--prefix",
            tools.toString(),
            "redocly",
            "lint",
            document.toString(),
            "--config",
            tools.resolve("redocly.yaml").toString(),
            "--format=summary");

    String report = document + "\n" + lint.output();
    assertEquals(0, lint.exit(), () -> "redocly lint failed:\n" + report);
    List<String> findings = new ArrayList<>();
    for (String line : lint.output().split("\n")) {
      // The summary has a line per rule that found something ("warning  tag-description: 6")
      // and a closing count ("You have 2 warnings."); notices about Node.js are no finding.
      if (FINDING.matcher(line).find() || line.contains("You have ")) {
        findings.add(line);
      }
    }
    assertTrue(findings.isEmpty(), () -> "redocly lint reported problems:\n" + report);
  }

  private record Result(int exit, String output) {}

  private static Result run(Path directory, long timeoutSeconds, String... command)
      throws IOException, InterruptedException {
    ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile());
    builder.redirectErrorStream(true);
    builder.environment().put("REDOCLY_TELEMETRY", "off");
    builder.environment().put("REDOCLY_SUPPRESS_UPDATE_NOTICE", "true");
    builder.environment().put("NO_COLOR", "1");
    Path log = Files.createTempFile("openapi-lint", ".log");
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
