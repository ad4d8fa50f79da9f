/**
 * The HTTP edge shared by all capabilities: the JAX-RS application, the JSON mapper and the mapping
 * of every error to an RFC 9457 problem document. No business rule lives here; it uses the problem
 * vocabulary and roles, and no boundary package.
 */
package io.fileparser.api;
