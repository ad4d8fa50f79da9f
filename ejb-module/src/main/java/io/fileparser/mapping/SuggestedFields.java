package io.fileparser.mapping;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Ranked fields for each column of a profile or sample sent to {@code POST /mapping/suggest}.
 *
 * @param modelVersion the worker's field model that ranked them
 */
public record SuggestedFields(List<Column> columns, String modelVersion) {

  /** A column and the fields it may hold, best first. */
  @Schema(name = "SuggestedColumn")
  public record Column(String name, List<ColumnProfile.Suggestion> suggestions) {}
}
