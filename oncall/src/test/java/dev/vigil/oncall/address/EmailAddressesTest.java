package dev.vigil.oncall.address;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EmailAddressesTest {

  @Test
  void anAddressHasSomethingAnAtAndADomainWithADot() {
    assertThat(EmailAddresses.isValid("alice@example.com")).isTrue();
    assertThat(EmailAddresses.isValid("ap+billing@mail.example.co.uk")).isTrue();
    assertThat(EmailAddresses.isValid("  alice@example.com ")).as("surrounding spaces").isTrue();
  }

  @Test
  void whatCannotBeAnAddressIsRefused() {
    assertThat(EmailAddresses.isValid(null)).isFalse();
    assertThat(EmailAddresses.isValid("")).isFalse();
    assertThat(EmailAddresses.isValid("not-mail")).isFalse();
    assertThat(EmailAddresses.isValid("alice@localhost")).as("no dot in the domain").isFalse();
    assertThat(EmailAddresses.isValid("alice@@example.com")).isFalse();
    assertThat(EmailAddresses.isValid("alice smith@example.com")).isFalse();
    assertThat(EmailAddresses.isValid("@example.com")).isFalse();
  }

  @Test
  void beanValidationUsesTheSameRule() {
    assertThat("alice@example.com").matches(EmailAddresses.PATTERN);
    assertThat("alice@localhost").doesNotMatch(EmailAddresses.PATTERN);
  }
}
