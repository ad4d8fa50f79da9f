/**
 * Notifications: each person's (or API key's) feed of the notable events that concern them, with
 * read and unread, delivered live on the WebSocket of that caller and as browser Web Push.
 *
 * <p>Whose feed: the caller who submitted the job ({@code jobs.submitted_by}, e.g. {@code
 * user:alice} or {@code apikey:<id>}). Admins of the tenant get no copy of other people's failures:
 * the server knows callers only by the subject of their credentials, has no list of a tenant's
 * admins to address, and admins already see every failure in the job list and on the tenant-wide
 * event stream. Rows are written in the transaction of the change they tell of and go out live only
 * after it committed. Stands on its own floor, above job events and below progress and webhooks, so
 * that those may fire its hook events ({@code WebhookEndpointDisabled}, {@code JobNeedsMapping}).
 * Never changes a job; never reads another recipient's feed.
 */
package io.fileparser.notifications;
