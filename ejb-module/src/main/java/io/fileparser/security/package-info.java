/**
 * Who may do what: callers, roles, tenants and API keys. Decides on credentials and grants; never
 * touches HTTP (the web module's authentication mechanism asks it). Stands on audit and problem
 * only; jobs, dispatch and upload stand on it.
 */
package io.fileparser.security;
