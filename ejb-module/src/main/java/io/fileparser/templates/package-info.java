/**
 * Templates: documents saying how the fields of a file layout are found and read (see
 * docs/template-format.md), with immutable versions (draft, published, superseded), a tenant's own
 * and the built-in system ones, the list the workers receive with each job, bundles of templates
 * with every version (export, import), proposals of layouts no template fits (discovered templates,
 * told by {@code progress} when a job starts waiting for a mapping), and which fixed-width text a
 * published template fits (for the upload's content check). Stands on jobs (its cursor and page
 * limit, a waiting job's result summary, read only), security, audit, problem; never changes a job.
 */
package io.fileparser.templates;
