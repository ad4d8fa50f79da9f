/**
 * Sending parse work to the Celery workers: the transactional outbox and its relay, the Celery wire
 * format, queue priorities, retries with backoff, revokes and the sweep for lost work. Never parses
 * anything and never reads results (that is progress).
 */
package io.fileparser.dispatch;
