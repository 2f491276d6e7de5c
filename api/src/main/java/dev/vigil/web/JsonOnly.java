package dev.vigil.web;

import java.util.List;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The API speaks JSON only. Twilio's SDK needs {@code jackson-dataformat-xml} on the classpath (its
 * TwiML builders load it), and its presence makes Spring MVC register an XML converter that answers
 * XML to an {@code Accept} preferring it, browsers' included: every converter that writes XML is
 * taken out (docs/decisions/0026). TwiML is written as a {@code String}, which is not affected.
 */
@Configuration(proxyBeanMethods = false)
class JsonOnly implements WebMvcConfigurer {

  @Override
  public void extendMessageConverters(List<HttpMessageConverter<?>> converters) {
    converters.removeIf(
        converter ->
            converter.getSupportedMediaTypes().stream()
                .anyMatch(type -> type.getSubtype().endsWith("xml")));
  }
}
