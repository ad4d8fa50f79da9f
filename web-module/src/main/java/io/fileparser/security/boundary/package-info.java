/**
 * HTTP side of security: the authentication mechanism, the current caller and the API-key resource.
 */
package io.fileparser.security.boundary;
