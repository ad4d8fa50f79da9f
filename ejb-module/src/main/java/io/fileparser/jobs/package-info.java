/**
 * Parse jobs: reading them (status, filtered and paginated lists) and, in later capabilities,
 * moving them through their states. Every method is scoped to the caller's tenant.
 */
package io.fileparser.jobs;
