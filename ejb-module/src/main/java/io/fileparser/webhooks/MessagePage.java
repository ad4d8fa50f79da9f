package io.fileparser.webhooks;

import java.util.List;

/**
 * A page of an endpoint's messages; {@code next} is the {@code afterSeq} of the next page, or null.
 */
public record MessagePage(List<MessageView> items, Long next) {}
