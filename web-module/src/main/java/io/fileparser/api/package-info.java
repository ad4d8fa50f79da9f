/**
 * The HTTP edge shared by all capabilities: the JAX-RS application, the JSON mapper and the mapping
 * of every error to an RFC 9457 problem document. No business rule lives here.
 */
package io.fileparser.api;
