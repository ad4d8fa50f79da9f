/**
 * Schema migrations at start-up. Owns nothing but the act of migrating; the migrations themselves
 * live with the entities in the persistence jar. A leaf.
 */
package io.fileparser.schema;
