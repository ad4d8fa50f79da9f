/**
 * Recognising an upload from its first bytes: PDF, CSV (dialect, header, encoding) and the CDR
 * call-record layouts, and the cross-check against what the client declared. Pure functions over a
 * byte head; never reads storage, never decides what happens to a file (the upload pipeline does)
 * and depends on nothing of ours but the file format and the problem vocabulary.
 */
package io.fileparser.upload.detection;
