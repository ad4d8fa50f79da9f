package io.fileparser.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
    NodeTools.ensureInstalled(tools, "@redocly/cli");
    NodeTools.Result lint =
        NodeTools.run(
            tools,
            300,
            Map.of(
                "REDOCLY_TELEMETRY",
                "off",
                "REDOCLY_SUPPRESS_UPDATE_NOTICE",
                "true",
                "NO_COLOR",
                "1"),
            List.of(
                "npx",
                "--prefix",
                tools.toString(),
                "redocly",
                "lint",
                document.toString(),
                "--config",
                tools.resolve("redocly.yaml").toString(),
                "--format=summary"));

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
}
