/**
 * The connection to Redis, the broker the Celery workers listen on. Owns connections only; what is
 * sent over them belongs to dispatch and progress. A leaf: imports no other capability.
 */
package io.fileparser.broker;
