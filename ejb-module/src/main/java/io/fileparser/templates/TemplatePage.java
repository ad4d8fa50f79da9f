package io.fileparser.templates;

import java.util.List;

/** One page of the template list; {@code next} is the cursor of the following page, or null. */
public record TemplatePage(List<TemplateView> items, String next) {}
