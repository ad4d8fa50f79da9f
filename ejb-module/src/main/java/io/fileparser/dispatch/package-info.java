/**
 * Sending parse work to the Celery workers: the transactional outbox (written when a job's change
 * puts it in the queue) and its relay, the Celery wire format, queue priorities, retry decisions
 * with backoff, revokes and the sweep for lost work. Stands on jobs and broker; never parses
 * anything and never reads results (progress does, and may use its retry decisions).
 */
package io.fileparser.dispatch;
