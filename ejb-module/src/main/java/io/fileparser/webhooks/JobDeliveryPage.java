package io.fileparser.webhooks;

import java.util.List;

/**
 * A page of a job's webhook deliveries; {@code next} is the {@code afterSeq} of the next page, or
 * null.
 */
public record JobDeliveryPage(List<JobDelivery> items, Long next) {}
