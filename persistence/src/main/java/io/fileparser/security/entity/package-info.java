/** Tenants and API keys. Secrets are never stored, only their SHA-256. */
package io.fileparser.security.entity;
