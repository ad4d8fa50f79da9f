/**
 * The upload pipeline: filename policy, streaming with hashing and limits, the malware policy,
 * deduplication, idempotency, registration of the file and its job, and the rescan of files that
 * waited for the scanner. One pipeline for every transport (multipart, raw body, resumable);
 * transports live in the web module and only hand over a stream. The highest business floor: it
 * uses jobs, scan, storage, security and audit, and nothing below imports it.
 */
package io.fileparser.upload;
