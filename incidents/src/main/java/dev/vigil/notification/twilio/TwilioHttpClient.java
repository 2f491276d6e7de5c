package dev.vigil.notification.twilio;

import com.twilio.http.NetworkHttpClient;
import com.twilio.http.Request;
import com.twilio.http.Response;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.util.Timeout;

/**
 * The Twilio SDK's HTTP client, with three changes:
 *
 * <ul>
 *   <li>Requests go to a configured base URL instead of {@code https://api.twilio.com} (a second
 *       region, a Twilio-compatible vendor such as SignalWire, a local stand-in); a base URL with a
 *       path ({@code https://example.signalwire.com/api/laml}) prefixes Twilio's paths.
 *   <li>Our connect and read timeouts hold: the SDK sets its own 30 s request config on every
 *       request, which an interceptor replaces before the connection is made.
 *   <li>One try per call: Temporal retries the activity and then fails over, so the SDK's own three
 *       tries on a 5xx would only delay the failover.
 * </ul>
 */
final class TwilioHttpClient extends NetworkHttpClient {

  private final String baseUrl;

  /**
   * @param baseUrl null for Twilio itself
   */
  TwilioHttpClient(URI baseUrl, Duration connectTimeout, Duration readTimeout) {
    super(builder(connectTimeout, readTimeout));
    this.baseUrl = baseUrl == null ? null : baseUrl.toString().replaceAll("/+$", "");
  }

  private static HttpClientBuilder builder(Duration connectTimeout, Duration readTimeout) {
    Timeout connect = Timeout.of(connectTimeout);
    Timeout read = Timeout.of(readTimeout);
    RequestConfig timeouts =
        RequestConfig.custom()
            .setConnectionRequestTimeout(connect)
            .setResponseTimeout(read)
            .build();
    return HttpClientBuilder.create()
        .setConnectionManager(
            PoolingHttpClientConnectionManagerBuilder.create()
                .setDefaultConnectionConfig(
                    ConnectionConfig.custom()
                        .setConnectTimeout(connect)
                        .setSocketTimeout(read)
                        .build())
                .setMaxConnPerRoute(20)
                .setMaxConnTotal(100)
                .build())
        .setDefaultRequestConfig(timeouts)
        .addExecInterceptorFirst(
            "vigil-timeouts",
            (request, scope, chain) -> {
              scope.clientContext.setRequestConfig(timeouts);
              return chain.proceed(request, scope);
            })
        .disableAutomaticRetries();
  }

  @Override
  public Response reliableRequest(Request request) {
    return makeRequest(request);
  }

  @Override
  public Response makeRequest(Request request) {
    return super.makeRequest(baseUrl == null ? request : rebased(request));
  }

  /** The same request against the base URL: method, auth, query, form, headers and body. */
  private Request rebased(Request original) {
    URI twilio = URI.create(original.getUrl());
    Request request = new Request(original.getMethod(), baseUrl + twilio.getRawPath());
    if (original.getUsername() != null) {
      request.setAuth(original.getUsername(), original.getPassword());
    } else if (original.getAuthStrategy() != null) {
      request.setAuth(original.getAuthStrategy());
    }
    copy(original.getQueryParams(), request::addQueryParam);
    copy(original.getPostParams(), request::addPostParam);
    copy(original.getHeaderParams(), request::addHeaderParam);
    request.setContentType(original.getContentType());
    request.setBody(original.getBody());
    if (original.getFormParameters() != null) {
      request.setFormParameters(original.getFormParameters());
    }
    request.setUserAgentExtensions(original.getUserAgentExtensions());
    return request;
  }

  private static void copy(
      Map<String, List<String>> params, java.util.function.BiConsumer<String, String> add) {
    params.forEach((name, values) -> values.forEach(value -> add.accept(name, value)));
  }
}
