/**
 * Schema migrations at start-up, run as the schema's owner through {@code jdbc/parser-schema}, the
 * only user of that data source; the migrations grant the application's own role (the one {@code
 * jdbc/parser} logs in as, which everything else uses) what it may do to each table. And how the
 * schema's values read back from native queries ({@link io.fileparser.schema.NativeValues}). Owns
 * no data; the migrations themselves live with the entities in the persistence jar. A leaf.
 */
package io.fileparser.schema;
