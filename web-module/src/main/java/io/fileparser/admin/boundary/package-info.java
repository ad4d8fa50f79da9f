/**
 * Platform endpoints: fleet-wide operational views (workers, their hosts and load, every tenant's
 * work) for the platform operator only, never for a tenant's admins or owners. Web tier: calls
 * EJBs, never touches an entity.
 */
package io.fileparser.admin.boundary;
