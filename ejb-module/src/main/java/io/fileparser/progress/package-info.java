/**
 * Following the work: task states published by the workers (progress, results, failures), the
 * ordered progress history, and the registry of live workers. Applies reports idempotently; never
 * sends work (that is dispatch).
 */
package io.fileparser.progress;
