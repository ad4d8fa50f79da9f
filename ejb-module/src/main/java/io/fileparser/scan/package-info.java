/**
 * Virus scanning of uploaded content by a ClamAV daemon (clamd) over its INSTREAM protocol. A leaf:
 * owns the wire protocol and returns verdicts (clean, infected, over the limit, error); it never
 * decides what happens to an infected upload (the upload capability's malware policy does), imports
 * no other capability but egress (clamd only over loopback or a Unix socket, {@code ClamdLink}) and
 * never buffers a whole upload in memory.
 */
package io.fileparser.scan;
