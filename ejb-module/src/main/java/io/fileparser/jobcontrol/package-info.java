/**
 * Acting on jobs people no longer want as they are: retrying a failed, cancelled or dead-lettered
 * job as a new attempt, deleting a job with its results and (when no other job references them) its
 * stored bytes, changing a queued job's priority, and doing any of these, or cancelling, to many
 * jobs at once (bulk operations, answered at once when small, else run in batches from PostgreSQL
 * with pollable progress). Every change goes through the job aggregate and raises its events;
 * deletions and bulk operations are audited. Stands on jobs, templates, storage, audit, security
 * and problem; never imports dispatch, which observes the jobs' changes.
 */
package io.fileparser.jobcontrol;
