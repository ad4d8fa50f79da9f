/** The dispatch outbox: Celery task messages written with the job, pushed to Redis by the relay. */
package io.fileparser.dispatch.entity;
