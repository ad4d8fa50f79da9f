/** Job status and job list resources. Thin: parse parameters, call the job service. */
package io.fileparser.jobs.boundary;
