/** {@code /admin/metrics}: the dashboard summary of a tenant, or of the fleet for the operator. */
package io.fileparser.monitoring.boundary;
