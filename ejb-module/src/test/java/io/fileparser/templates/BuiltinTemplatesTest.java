package io.fileparser.templates;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every built-in layout the workers ship is a valid system template document for the API: one the
 * API refused would be skipped at startup and silently missing from every tenant's templates.
 */
class BuiltinTemplatesTest {

  @Test
  void everyListedBuiltInLayoutIsAValidSystemTemplate() throws Exception {
    ClassLoader loader = getClass().getClassLoader();
    JsonNode index;
    try (InputStream in = loader.getResourceAsStream("builtin_templates/index.json")) {
      index = new ObjectMapper().readTree(in);
    }
    List<String> keys = new ArrayList<>();
    for (JsonNode name : index) {
      try (InputStream in = loader.getResourceAsStream("builtin_templates/" + name.asText())) {
        JsonNode document = new ObjectMapper().readTree(in);
        TemplateDocument parsed =
            assertDoesNotThrow(() -> TemplateDocument.parse(document, true), name.asText());
        keys.add(parsed.key());
      }
    }
    assertEquals(index.size(), SystemTemplates.read(loader).size(), "none skipped");
    assertEquals(keys.size(), keys.stream().distinct().count(), "keys are unique: " + keys);
  }
}
