/**
 * Who may do what: callers, roles, tenants and API keys. Decides on credentials and grants; never
 * touches HTTP (the web module's authentication mechanism asks it).
 */
package io.fileparser.security;
