/**
 * The HTTP face of templates: {@code /templates}, their versions, diffs, publication and copies.
 */
package io.fileparser.templates.boundary;
