/**
 * Following the work: task states published by the workers (progress, results, failures) applied to
 * jobs through the aggregate, and the registry of live workers. Applies reports idempotently; never
 * sends work (dispatch does) and never writes history itself (the job's events do). Stands on
 * dispatch (retry decisions), jobs and broker; nothing but admin views stand on it.
 */
package io.fileparser.progress;
