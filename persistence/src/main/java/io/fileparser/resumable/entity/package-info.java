/**
 * The state of resumable (tus) uploads: offset, length, metadata, expiry, the digest carried across
 * requests, and the staged chunks. Uses no other package of ours.
 */
package io.fileparser.resumable.entity;
