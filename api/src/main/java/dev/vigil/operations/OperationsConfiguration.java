package dev.vigil.operations;

import io.temporal.client.WorkflowClient;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * Health, readiness and metrics for operators: the {@code temporal} health indicator (in the
 * readiness group beside {@code db}, see application.yml) and the token in front of the Prometheus
 * scrape.
 */
@Configuration(proxyBeanMethods = false)
class OperationsConfiguration {

  /** Reported as "temporal"; a probe that waits longer than this is already failing. */
  @Bean
  TemporalHealthIndicator temporalHealthIndicator(
      WorkflowClient client, @Value("${vigil.health.temporal-timeout:2s}") Duration timeout) {
    return new TemporalHealthIndicator(client.getWorkflowServiceStubs(), timeout);
  }

  @Bean
  FilterRegistrationBean<MetricsTokenFilter> metricsTokenFilter(
      @Value("${vigil.metrics.token:}") String token) {
    FilterRegistrationBean<MetricsTokenFilter> registration =
        new FilterRegistrationBean<>(new MetricsTokenFilter(token));
    registration.addUrlPatterns(MetricsTokenFilter.PATH, MetricsTokenFilter.PATH + "/*");
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
    return registration;
  }
}
