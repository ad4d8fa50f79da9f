/**
 * The stored side of manual mapping: one {@link JobMapping} per job a person maps. It never changes
 * a job itself; the mapping capability moves the job through the job state machine.
 */
package io.fileparser.mapping.entity;
