/**
 * Parse jobs: the aggregate's services. Owns the one way a job changes (a service locks the job,
 * calls one of the aggregate's commands and publishes the recorded {@code JobChanged}s through
 * {@code JobEvents} to the {@code JobChangeListener}s in the transaction, then as one CDI event,
 * {@code JobChanges}), the job's history (written by one listener, read in pages), cancelling (by
 * whoever submitted the job, or an admin or owner: {@code JobOwnership}), and the tenant-scoped
 * reads (status, lists, results). Stands on security, files, storage and problem; never imports
 * dispatch, progress, upload or scan, which stand on it, listen to its changes and observe its
 * events.
 */
package io.fileparser.jobs;
