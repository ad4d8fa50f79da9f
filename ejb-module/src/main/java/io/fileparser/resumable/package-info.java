/**
 * Resumable uploads (tus 1.0): the state of each upload in PostgreSQL, its chunks in staging, the
 * SHA-256 carried across requests, a per-upload lock in Redis, the pipeline's checks reading the
 * chunks as they arrive and held on the instance between them ({@code HeldInspections}), and the
 * hand-over of a complete upload to the one upload pipeline ({@code io.fileparser.upload}), which
 * it never copies; tus concatenation (partial uploads joined by a final one, read in order from
 * their chunks) and the uploads' progress reported to the live channels ({@code upload.progress}).
 * Knows nothing of HTTP: the web module parses the tus headers and hands over values and a stream.
 */
package io.fileparser.resumable;
