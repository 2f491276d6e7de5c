package dev.vigil.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * REST API bodies are small JSON documents: one over {@value #MAX_BODY_BYTES} bytes is refused with
 * 413 in the API's error envelope, by its declared length at once, or as its reading passes the
 * limit when it is sent chunked.
 */
@Component
class RequestSizeLimit extends OncePerRequestFilter {

  static final long MAX_BODY_BYTES = 1024 * 1024;

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return !request.getRequestURI().startsWith("/api/");
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    if (request.getContentLengthLong() > MAX_BODY_BYTES) {
      response.setStatus(HttpStatus.CONTENT_TOO_LARGE.value());
      response.setContentType(MediaType.APPLICATION_JSON_VALUE);
      response
          .getOutputStream()
          .write(
              ("{\"error\":{\"code\":\"too_large\",\"message\":\""
                      + new BodyTooLargeException(MAX_BODY_BYTES).getMessage()
                      + "\",\"errors\":[]}}")
                  .getBytes(java.nio.charset.StandardCharsets.UTF_8));
      return;
    }
    chain.doFilter(new Bounded(request), response);
  }

  private static final class Bounded extends HttpServletRequestWrapper {

    private ServletInputStream stream;

    Bounded(HttpServletRequest request) {
      super(request);
    }

    @Override
    public ServletInputStream getInputStream() throws IOException {
      if (stream == null) {
        stream = new BoundedStream(super.getInputStream());
      }
      return stream;
    }
  }

  private static final class BoundedStream extends ServletInputStream {

    private final ServletInputStream in;
    private long read;

    BoundedStream(ServletInputStream in) {
      this.in = in;
    }

    @Override
    public int read() throws IOException {
      int b = in.read();
      if (b >= 0) {
        count(1);
      }
      return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      int n = in.read(buffer, offset, length);
      if (n > 0) {
        count(n);
      }
      return n;
    }

    private void count(int n) throws BodyTooLargeException {
      read += n;
      if (read > MAX_BODY_BYTES) {
        throw new BodyTooLargeException(MAX_BODY_BYTES);
      }
    }

    @Override
    public boolean isFinished() {
      return in.isFinished();
    }

    @Override
    public boolean isReady() {
      return in.isReady();
    }

    @Override
    public void setReadListener(ReadListener listener) {
      in.setReadListener(listener);
    }
  }
}
