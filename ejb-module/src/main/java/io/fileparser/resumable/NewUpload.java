package io.fileparser.resumable;

import io.fileparser.upload.UploadOptions;

/**
 * What a client declared when it created a resumable upload.
 *
 * @param length {@code Upload-Length}, or null with {@code Upload-Defer-Length: 1}
 * @param rawMetadata {@code Upload-Metadata} as sent (HEAD answers it back), or null
 * @param filetype the media type the client declared for the file, or null
 * @param partial whether it is a partial upload of a later concatenation ({@code Upload-Concat:
 *     partial}): a part of a file, which needs no file name and makes no job of its own
 */
public record NewUpload(
    Long length,
    String rawMetadata,
    String filename,
    String filetype,
    UploadOptions options,
    boolean partial) {}
