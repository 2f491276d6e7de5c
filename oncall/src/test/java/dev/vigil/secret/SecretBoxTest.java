package dev.vigil.secret;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretBoxTest {

  @TempDir Path dataDir;

  @Test
  void aSealedSecretOpensAfterARestartWithTheKeyKeptInTheDataDirectory() {
    String sealed = new SecretBox("", dataDir.toString()).seal("xoxb-bot-token");

    assertThat(sealed).doesNotContain("xoxb");
    assertThat(new SecretBox("", dataDir.toString()).open(sealed)).isEqualTo("xoxb-bot-token");
  }

  @Test
  void theSameSecretSealsDifferentlyEachTime() {
    SecretBox box = new SecretBox("", dataDir.toString());

    assertThat(box.seal("same")).isNotEqualTo(box.seal("same"));
  }

  @Test
  void anotherKeyCannotOpenIt() throws Exception {
    String key = Base64.getEncoder().encodeToString(new byte[32]);
    String sealed = new SecretBox(key, "").seal("whsec");

    assertThatThrownBy(() -> new SecretBox("", dataDir.toString()).open(sealed))
        .hasMessageContaining("VIGIL_SECRETS_KEY");
    assertThat(new SecretBox(key, "").open(sealed)).isEqualTo("whsec");
    assertThat(Files.exists(dataDir.resolve("secrets.key"))).isTrue();
  }

  @Test
  void aKeyOfTheWrongLengthIsRefusedAtStartup() {
    assertThatThrownBy(() -> new SecretBox(Base64.getEncoder().encodeToString(new byte[16]), ""))
        .hasMessageContaining("32 bytes");
  }
}
