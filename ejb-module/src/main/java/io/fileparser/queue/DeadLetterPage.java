package io.fileparser.queue;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * One page of the dead-letter queue, newest job first; {@code next} the following page's cursor.
 */
@Schema(name = "DeadLetterPage")
public record DeadLetterPage(List<DeadLetterView> items, String next) {}
