/** Admin endpoints: operational views for a tenant's admins and owners. */
package io.fileparser.admin.boundary;
