/**
 * The connection to Redis, the broker the Celery workers listen on: where it is, and how every
 * client authenticates (ACL user and password) and checks TLS ({@link
 * io.fileparser.broker.RedisSettings}). Owns connections only; what is sent over them belongs to
 * dispatch and progress. A leaf: imports no other capability.
 */
package io.fileparser.broker;
