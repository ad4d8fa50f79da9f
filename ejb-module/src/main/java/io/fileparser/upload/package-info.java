/**
 * The upload pipeline: filename policy, streaming with hashing and limits, content recognition,
 * deduplication, idempotency and job registration. One pipeline for every transport (multipart, raw
 * body, resumable); transports live in the web module and only hand over a stream.
 */
package io.fileparser.upload;
