package dev.vigil.billing.document;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/** Binds what invoice documents print from configuration. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({RemittanceSettings.class, InvoiceFonts.class})
class DocumentConfiguration {}
