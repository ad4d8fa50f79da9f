/**
 * Who may do what: callers, roles, tenants and API keys, and each tenant's profile (tier, enabled,
 * policies) as every request reads it. Decides on credentials and grants; never touches HTTP (the
 * web module's authentication mechanism asks it). Stands on audit, problem and the Redis connection
 * only; jobs, dispatch and upload stand on it.
 */
package io.fileparser.security;
