/**
 * Job events pushed outward: each recorded change of a job as a message clients read ({@code {id,
 * type, tenantId, jobId, seq, at, data}}), published after commit to every application-server
 * instance through Redis and handed there to the local live subscribers (WebSocket, SSE), with the
 * job history in PostgreSQL as the source for replay; and resumable uploads' progress readings
 * ({@code upload.progress}) to tenant-wide subscribers, never recorded or replayed. Never changes a
 * job; never blocks a publisher on a slow subscriber.
 */
package io.fileparser.events;
