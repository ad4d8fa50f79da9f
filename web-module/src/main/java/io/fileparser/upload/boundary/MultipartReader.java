package io.fileparser.upload.boundary;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.commons.fileupload2.core.AbstractFileUpload;
import org.apache.commons.fileupload2.core.DiskFileItem;
import org.apache.commons.fileupload2.core.DiskFileItemFactory;
import org.apache.commons.fileupload2.core.FileItemInputIterator;
import org.apache.commons.fileupload2.core.RequestContext;

/**
 * Streams a {@code multipart/form-data} body part by part with Commons FileUpload's streaming API:
 * no part is buffered to memory or to a temporary file, so the file part flows straight into the
 * upload pipeline.
 */
final class MultipartReader
    extends AbstractFileUpload<RequestContext, DiskFileItem, DiskFileItemFactory> {

  /** The raw request as Commons FileUpload sees it. */
  record Body(String contentType, long contentLength, InputStream stream)
      implements RequestContext {
    @Override
    public String getCharacterEncoding() {
      return StandardCharsets.UTF_8.name();
    }

    @Override
    public long getContentLength() {
      return contentLength;
    }

    @Override
    public String getContentType() {
      return contentType;
    }

    @Override
    public InputStream getInputStream() {
      return stream;
    }

    @Override
    public boolean isMultipartRelated() {
      return false;
    }
  }

  MultipartReader() {
    setHeaderCharset(StandardCharsets.UTF_8);
    setFileCountMax(16);
  }

  @Override
  public FileItemInputIterator getItemIterator(RequestContext request) throws IOException {
    return super.getItemIterator(request);
  }

  @Override
  public Map<String, List<DiskFileItem>> parseParameterMap(RequestContext request) {
    throw new UnsupportedOperationException("streaming only");
  }

  @Override
  public List<DiskFileItem> parseRequest(RequestContext request) {
    throw new UnsupportedOperationException("streaming only");
  }
}
