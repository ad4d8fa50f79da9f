/**
 * Manual mapping: jobs no template fits well enough wait in {@code NEEDS_MAPPING}; a person maps
 * their columns to fields with ranked suggestions (the worker's field model and this tenant's
 * approved mappings), the draft is checked against the sample rows, and an admin's approval queues
 * the job again with the mapping as its template (optionally saved as a template or a new version
 * of one) and asks the workers to retrain the tenant's field model. Moves jobs only through the job
 * aggregate; never reads or writes another tenant's jobs, mappings or templates.
 */
package io.fileparser.mapping;
