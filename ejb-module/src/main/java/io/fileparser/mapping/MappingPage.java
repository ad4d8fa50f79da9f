package io.fileparser.mapping;

import java.util.List;

/**
 * A page of the mapping list; {@code next} is the cursor of the following page, null on the last.
 */
public record MappingPage(List<MappingSummary> items, String next) {}
