/**
 * Templates: documents saying how the fields of a file layout are found and read (see
 * docs/template-format.md), with immutable versions (draft, published, superseded), a tenant's own
 * and the built-in system ones, and the list the workers receive with each job. Stands on jobs (its
 * cursor and page limit), security, audit, problem; never reads or changes a job.
 */
package io.fileparser.templates;
