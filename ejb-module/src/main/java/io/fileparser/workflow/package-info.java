/**
 * Workflow: jobs that wait before the queue. A job may name other jobs of its tenant it depends on
 * ({@code WAITING} until they have finished, then released or failed by its policy) and an instant
 * it may start at ({@code SCHEDULED} until then). Dependencies can only name jobs that exist when
 * the dependent is created, so they never form a cycle. Every change goes through the job aggregate
 * and raises its events; dispatch observes a release like any queueing. Stands on jobs, audit,
 * security and problem; never imports dispatch or upload.
 */
package io.fileparser.workflow;
