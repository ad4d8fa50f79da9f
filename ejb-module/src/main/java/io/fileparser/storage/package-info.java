/**
 * Where the bytes live: the {@link io.fileparser.storage.ObjectStore} contract and its
 * implementations. Knows nothing of jobs, tenants' rights or formats; it stores and removes.
 * Depends on no capability but scheduling (for its janitor).
 */
package io.fileparser.storage;
