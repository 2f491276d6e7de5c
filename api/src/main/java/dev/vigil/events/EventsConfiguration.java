package dev.vigil.events;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.ObjectMapper;

@Configuration(proxyBeanMethods = false)
class EventsConfiguration {

  @Bean
  EventParser eventParser(ObjectMapper objectMapper) {
    return new EventParser(objectMapper);
  }
}
