package io.fileparser.templates;

import java.util.List;

/** One page of a tenant's proposals, oldest first; {@code next} is the cursor of the next page. */
public record TemplateProposalPage(List<TemplateProposalView> items, String next) {}
