/** Idempotency records of uploads. Uses no other package of ours. */
package io.fileparser.upload.entity;
