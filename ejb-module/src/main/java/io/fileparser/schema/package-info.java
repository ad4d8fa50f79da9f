/**
 * Schema migrations at start-up, and how the schema's values read back from native queries ({@link
 * io.fileparser.schema.NativeValues}). Owns no data; the migrations themselves live with the
 * entities in the persistence jar. A leaf.
 */
package io.fileparser.schema;
