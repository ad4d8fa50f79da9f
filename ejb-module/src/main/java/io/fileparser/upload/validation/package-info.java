/**
 * Deep validation of a stored upload, after {@link io.fileparser.upload.detection.ContentSniffer}
 * has recognised its head: the whole PDF is opened and searched for active content, every CSV or
 * CDR record is checked against the dialect or layout, and gzip input is decompressed under a bomb
 * guard. Plain Java without container services, so the rules are tested with JUnit alone; the
 * caller chooses the transaction and the file. It reads files and streams it is given and never
 * stores, deletes or changes them, and it never holds a whole file in memory.
 */
package io.fileparser.upload.validation;
