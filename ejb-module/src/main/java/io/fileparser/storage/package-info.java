/**
 * Where the bytes live: the {@link io.fileparser.storage.ObjectStore} contract and its
 * implementations. Knows nothing of jobs, tenants' rights or formats; it stores and removes.
 * Depends on no capability but scheduling (for its janitor) and egress (an {@code http} S3 endpoint
 * only to loopback).
 */
package io.fileparser.storage;
