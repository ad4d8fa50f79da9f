/**
 * HTTP side of webhooks: {@code /webhooks} for a tenant's admins and owners. Web tier; never
 * touches an entity and never sends a webhook itself.
 */
package io.fileparser.webhooks.boundary;
