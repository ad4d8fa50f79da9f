/**
 * {@code /admin/tenants}: the platform operator's tenant administration, and the gate that refuses
 * a disabled tenant's callers on every request. Web tier: reads the JSON body as it came (a merge
 * patch tells an absent member from a null one) and hands it to the EJB, never touches an entity.
 */
package io.fileparser.tenants.boundary;
