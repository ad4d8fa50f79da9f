/**
 * Admin endpoints: operational views for a tenant's admins and owners. Web tier: calls EJBs, never
 * touches an entity.
 */
package io.fileparser.admin.boundary;
