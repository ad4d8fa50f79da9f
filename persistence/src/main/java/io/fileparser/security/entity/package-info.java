/**
 * Tenants (with their scan policy) and API keys. Secrets are never stored, only their SHA-256. Uses
 * no other package of ours.
 */
package io.fileparser.security.entity;
