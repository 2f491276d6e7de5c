package dev.vigil.oncall.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class WebhookTargetsTest {

  @Test
  void internalAddressesOfEveryKindAreInternal() throws Exception {
    for (String address :
        new String[] {
          "127.0.0.1",
          "127.9.9.9",
          "10.0.0.1",
          "172.16.0.1",
          "172.31.255.255",
          "192.168.1.1",
          "169.254.169.254",
          "100.64.0.1",
          "0.0.0.0",
          "224.0.0.1",
          "255.255.255.255",
          "::1",
          "::",
          "fe80::1",
          "fc00::1",
          "fd12:3456::1",
          "ff02::1",
          "::ffff:127.0.0.1",
          "::ffff:10.0.0.1",
          "::ffff:169.254.169.254",
          "64:ff9b::a00:1",
          "64:ff9b::7f00:1",
          "2002:a9fe:a9fe::1"
        }) {
      assertThat(WebhookTargets.isInternal(InetAddress.getByName(address))).as(address).isTrue();
    }
  }

  @Test
  void publicAddressesAreNot() throws Exception {
    for (String address :
        new String[] {
          "93.184.215.14",
          "8.8.8.8",
          "172.32.0.1",
          "100.128.0.1",
          "2606:4700::1111",
          "::ffff:8.8.8.8",
          "64:ff9b::808:808",
          "2002:808:808::1"
        }) {
      assertThat(WebhookTargets.isInternal(InetAddress.getByName(address))).as(address).isFalse();
    }
  }

  @Test
  void aUrlNamingAnInternalAddressIsRefusedUnlessAllowedAndANameIsLeftToDelivery() {
    assertThat(WebhookTargets.problem("http://169.254.169.254/latest", false))
        .hasValueSatisfying(p -> assertThat(p).startsWith("'url' points at"));
    assertThat(WebhookTargets.problem("http://[::1]:8080/", false)).isPresent();
    assertThat(WebhookTargets.problem("http://2130706433/", false)).isPresent();
    assertThat(WebhookTargets.problem("http://169.254.169.254/latest", true)).isEmpty();
    assertThat(WebhookTargets.problem("https://hooks.example.com/x", false)).isEmpty();
    assertThat(WebhookTargets.problem("https://user:pw@hooks.example.com/x", false))
        .hasValue("'url' must not carry a user name or password");
    assertThat(WebhookTargets.problem("javascript:alert(1)", true))
        .hasValue("'url' must be an http or https URL");
  }
}
