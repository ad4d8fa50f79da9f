/**
 * {@code /admin/queue}: the queue, dispatch pauses and the dead-letter queue for a tenant's admins
 * and owners (their tenant) and the platform operator (every tenant). Web tier: reads the request,
 * calls one EJB of {@code io.fileparser.queue}, never touches an entity.
 */
package io.fileparser.queue.boundary;
