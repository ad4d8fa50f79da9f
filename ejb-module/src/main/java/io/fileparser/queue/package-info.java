/**
 * The queue as its administrators see it: how much work waits and runs per priority band and
 * tenant, whether dispatch is paused, and the dead-letter queue, listed, re-queued or purged. A
 * tenant's admins and owners act on their tenant; the platform operator on every tenant. Reads the
 * jobs and the outbox; changes jobs only through jobcontrol (the same retry and delete as {@code
 * /jobs}) and pauses only through dispatch. Never pushes to the broker itself.
 */
package io.fileparser.queue;
