/**
 * The connection to Redis, the broker the Celery workers listen on. Owns connections only; what is
 * sent over them belongs to dispatch and progress.
 */
package io.fileparser.broker;
