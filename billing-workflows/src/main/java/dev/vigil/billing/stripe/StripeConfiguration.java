package dev.vigil.billing.stripe;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Binds {@link StripeSettings} and makes the one Stripe client the billing code uses. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(StripeSettings.class)
class StripeConfiguration {

  @Bean
  StripeApi stripeApi(StripeSettings settings) {
    return new StripeApi(settings);
  }
}
