/**
 * The dispatch outbox: Celery task messages written with the job, pushed to Redis by the relay.
 * Uses no other package of ours.
 */
package io.fileparser.dispatch.entity;
