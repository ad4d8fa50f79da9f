/**
 * Bulk operations too large to answer at once: the operation with its counts, and one item per job
 * with its outcome once handled. Entities only; imports no other package of ours.
 */
package io.fileparser.jobcontrol.entity;
