package io.fileparser.admin;

import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * What a worker command came to: {@code answered} with the worker's {@code reply} as Celery gives
 * it (e.g. {@code {"ok": "pool will grow"}}, {@code {"error": "..."}}, or the stats of {@code
 * stats}), or not answered for a shutdown, which the worker cannot reply to.
 */
@Schema(name = "WorkerCommandOutcome")
public record WorkerCommandOutcome(
    String worker, String command, boolean answered, Map<String, Object> reply) {}
