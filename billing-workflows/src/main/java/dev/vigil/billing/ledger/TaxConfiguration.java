package dev.vigil.billing.ledger;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/** Binds the seller's settings (docs/decisions/0065). */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SellerSettings.class)
class TaxConfiguration {}
