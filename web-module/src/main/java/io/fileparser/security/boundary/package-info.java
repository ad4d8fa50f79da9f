/**
 * HTTP side of security: the authentication mechanism, the current caller and the API-key resource.
 * Web tier; never touches an entity.
 */
package io.fileparser.security.boundary;
