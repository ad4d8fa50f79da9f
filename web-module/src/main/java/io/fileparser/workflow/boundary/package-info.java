/**
 * The schedule of a held job. Thin: read the request, call the workflow service, answer its record;
 * never touches an entity.
 */
package io.fileparser.workflow.boundary;
