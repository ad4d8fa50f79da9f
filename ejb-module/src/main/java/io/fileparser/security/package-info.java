/**
 * Who may do what: callers, roles, tenants and API keys, and each tenant's profile (tier, enabled,
 * policies) as every request reads it. Decides on credentials and grants; never touches HTTP (the
 * web module's authentication mechanism asks it). Stands on audit, problem, scheduling and the
 * Redis connection only; jobs, dispatch and upload stand on it.
 *
 * <p>Refused credentials are audited in bulk: each refusal is counted in Redis per window of {@code
 * fileparser.security.auth-failures.window-s} (60) seconds, by reason, source address and what it
 * claimed (a tenant, a key's public prefix), and each closed window becomes one {@code
 * auth.failures} record per trail ({@link io.fileparser.security.AuthFailureCounter}, {@link
 * io.fileparser.security.AuthFailureFlush}): the claimed tenant's, when it exists, and the
 * platform's ({@code *}) for the rest. A flood of bad credentials thus writes no row per request,
 * and the presented key, token or ticket is never stored.
 */
package io.fileparser.security;
