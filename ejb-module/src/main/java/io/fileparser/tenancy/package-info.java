/**
 * What a tenant is made of, independently of who stores or checks it: for now the rule for tenant
 * ids ({@link io.fileparser.tenancy.TenantId}). A leaf: it imports nothing of ours, so security,
 * storage and every other capability may depend on it without depending on each other.
 */
package io.fileparser.tenancy;
