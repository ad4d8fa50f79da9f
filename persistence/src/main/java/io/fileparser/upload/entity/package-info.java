/** Stored files (one row per tenant and content hash) and idempotency records of uploads. */
package io.fileparser.upload.entity;
