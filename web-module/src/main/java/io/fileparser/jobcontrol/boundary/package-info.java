/**
 * Job retry and bulk operation resources. Thin: read the request, call one job-control service, map
 * its record to the response; never touches an entity.
 */
package io.fileparser.jobcontrol.boundary;
