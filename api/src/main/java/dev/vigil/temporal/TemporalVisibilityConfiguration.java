package dev.vigil.temporal;

import dev.vigil.search.SearchAttributeRegistration;
import io.temporal.serviceclient.WorkflowServiceStubs;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What support staff need to find Vigil's workflows in the Temporal UI. The registration runs while
 * the context starts: everything that starts workflows depends on its outcome, and the workers
 * start polling only once the application is ready, so no workflow task can upsert an attribute the
 * namespace has not been asked to add.
 */
@Configuration(proxyBeanMethods = false)
class TemporalVisibilityConfiguration {

  @Bean
  SearchAttributeRegistrar searchAttributeRegistrar(
      WorkflowServiceStubs stubs, @Value("${spring.temporal.namespace:default}") String namespace) {
    return new SearchAttributeRegistrar(stubs, namespace);
  }

  @Bean
  SearchAttributeRegistration searchAttributeRegistration(SearchAttributeRegistrar registrar) {
    return registrar.register();
  }

  @Bean
  TemporalUiLinks temporalUiLinks(
      @Value("${vigil.temporal.ui-url:}") String uiUrl,
      @Value("${spring.temporal.namespace:default}") String namespace) {
    return new TemporalUiLinks(uiUrl, namespace);
  }
}
