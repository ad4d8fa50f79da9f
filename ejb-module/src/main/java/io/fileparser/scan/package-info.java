/**
 * Virus scanning of uploaded content by a ClamAV daemon (clamd) over its INSTREAM protocol. Owns
 * the wire protocol and the verdict; it must never decide what happens to an infected upload (the
 * upload capability does) and never buffers a whole upload in memory.
 */
package io.fileparser.scan;
