/** Upload transports: multipart and raw bodies streamed into the one upload pipeline. */
package io.fileparser.upload.boundary;
