/**
 * Webhook state in PostgreSQL: endpoints (with their sealed signing secrets), the messages owed to
 * them, the log of delivery attempts and facts for the owner. Entities only; the rules of delivery
 * (schedule, disabling) live in the webhooks capability of the EJB module.
 */
package io.fileparser.webhooks.entity;
