/**
 * The HTTP face of templates: {@code /templates}, their versions, diffs, publication, copies,
 * bundles (export, import), and {@code /template-proposals}, the proposals of unknown layouts.
 */
package io.fileparser.templates.boundary;
