/**
 * Upload transports: multipart and raw bodies streamed into the one upload pipeline. Never decides
 * an upload rule (the upload service does) and never touches an entity.
 */
package io.fileparser.upload.boundary;
