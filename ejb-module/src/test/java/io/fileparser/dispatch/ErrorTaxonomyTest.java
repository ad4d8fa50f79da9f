package io.fileparser.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fileparser.jobs.ErrorTaxonomy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The documented error taxonomy agrees with what the platform retries and with the README. */
class ErrorTaxonomyTest {

  @Test
  void theCategoriesSaidToBeRetriedAreExactlyTheOnesRetried() {
    Set<String> retried =
        ErrorTaxonomy.categories().values().stream()
            .filter(ErrorTaxonomy.Category::retried)
            .map(ErrorTaxonomy.Category::code)
            .collect(Collectors.toSet());

    assertEquals(RetryPolicy.RETRYABLE, retried);
  }

  @Test
  void everyCategoryIsDocumentedWithItsKind() throws IOException {
    String readme = Files.readString(Path.of("..", "README.md"));
    String table = readme.substring(readme.indexOf("#### Errors of jobs"));
    for (ErrorTaxonomy.Category category : ErrorTaxonomy.categories().values()) {
      String row =
          table
              .lines()
              .filter(line -> line.startsWith("|") && line.contains("`" + category.code() + "`"))
              .findFirst()
              .orElseThrow(() -> new AssertionError(category.code() + " is not documented"));
      assertTrue(row.contains("| " + category.kind().wireName() + " |"), row);
      assertTrue(row.contains(category.retried() ? "| yes |" : "| no |"), row);
    }
  }

  @Test
  void anUnknownCategoryIsInternalAndNotRetried() {
    ErrorTaxonomy.Category unknown = ErrorTaxonomy.of("KeyError");

    assertEquals("KeyError", unknown.code());
    assertEquals(ErrorTaxonomy.Kind.INTERNAL, unknown.kind());
    assertFalse(unknown.retried());
    assertTrue(unknown.remediation().contains("support"));
  }
}
