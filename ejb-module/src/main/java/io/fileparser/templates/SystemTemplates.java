package io.fileparser.templates;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Loads the built-in vendor layouts at startup and keeps them as system templates. The documents
 * are the workers' own ({@code worker/parser_worker/builtin_templates}, packaged into this module
 * under {@code builtin_templates/}), listed in order by its {@code index.json}. A document that
 * breaks the format's rules is logged and skipped, not deployed half-way; the others still load.
 */
@Startup
@Singleton
@DependsOn("SchemaMigrator")
public class SystemTemplates {

  static final String INDEX = "builtin_templates/index.json";

  private static final Logger LOG = Logger.getLogger(SystemTemplates.class.getName());
  private static final ObjectMapper JSON = new ObjectMapper();

  @Inject SystemTemplateSync sync;

  @PostConstruct
  void load() {
    List<TemplateDocument> documents = read(getClass().getClassLoader());
    int changed = sync.upsert(documents);
    LOG.info(
        () -> documents.size() + " built-in templates, " + changed + " new or changed published");
  }

  /** The valid documents the index lists, in its order. */
  static List<TemplateDocument> read(ClassLoader loader) {
    List<TemplateDocument> documents = new ArrayList<>();
    JsonNode index = json(loader, INDEX);
    if (index == null || !index.isArray()) {
      LOG.warning(INDEX + " is missing or not an array: no built-in templates");
      return documents;
    }
    for (JsonNode name : index) {
      String path = "builtin_templates/" + name.asText();
      try {
        JsonNode document = json(loader, path);
        if (document == null) {
          LOG.warning(path + " is listed in the index but missing");
          continue;
        }
        documents.add(TemplateDocument.parse(document, true));
      } catch (RuntimeException e) {
        LOG.log(Level.SEVERE, "built-in template " + path + " skipped: " + e.getMessage());
      }
    }
    return documents;
  }

  private static JsonNode json(ClassLoader loader, String path) {
    try (InputStream in = loader.getResourceAsStream(path)) {
      return in == null ? null : JSON.readTree(in);
    } catch (IOException e) {
      LOG.log(Level.SEVERE, path + " is not JSON", e);
      return null;
    }
  }
}
