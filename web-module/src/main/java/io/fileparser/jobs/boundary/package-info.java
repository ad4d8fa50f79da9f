/**
 * Job status, list, history, cancel and result resources. Thin: hand raw parameters to the job
 * services, map their records to responses; never touches an entity.
 */
package io.fileparser.jobs.boundary;
