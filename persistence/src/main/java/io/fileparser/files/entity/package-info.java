/**
 * The stored file: one row per tenant and content hash, shared by every job that parses those
 * bytes, with its recognised format and its scan status. Entities only; imports no other package of
 * ours.
 */
package io.fileparser.files.entity;
