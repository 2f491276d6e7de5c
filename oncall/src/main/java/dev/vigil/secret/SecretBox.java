package dev.vigil.secret;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Encrypts the secrets Vigil must read back to use (webhook signing keys, bot tokens), as opposed
 * to secrets it only checks (passwords, API tokens, ping URLs), which are hashed instead.
 * AES-256-GCM with a random nonce per value; the stored form is {@code v1:<base64 nonce+sealed>}.
 *
 * <p>The key is {@code VIGIL_SECRETS_KEY} (32 bytes, base64). Without it, a key is made once and
 * kept in {@code <data-dir>/secrets.key} (readable by its owner only), so a single-node Vigil needs
 * no setup and its secrets survive restarts; a cluster sets the same key on every node.
 */
@Component
public class SecretBox {

  private static final Logger log = LoggerFactory.getLogger(SecretBox.class);
  private static final String VERSION = "v1:";
  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;

  private final SecureRandom random = new SecureRandom();
  private final SecretKeySpec key;

  public SecretBox(
      @Value("${vigil.secrets.key:}") String configuredKey,
      @Value("${vigil.data-dir:}") String dataDir) {
    this.key = new SecretKeySpec(keyBytes(configuredKey, dataDir), "AES");
  }

  public String seal(String plain) {
    byte[] nonce = new byte[NONCE_BYTES];
    random.nextBytes(nonce);
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
      byte[] sealed = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
      byte[] out = new byte[nonce.length + sealed.length];
      System.arraycopy(nonce, 0, out, 0, nonce.length);
      System.arraycopy(sealed, 0, out, nonce.length, sealed.length);
      return VERSION + Base64.getEncoder().encodeToString(out);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot encrypt a secret", e);
    }
  }

  /** Opens a value {@link #seal} made; fails when it was sealed under another key. */
  public String open(String stored) {
    if (stored == null || !stored.startsWith(VERSION)) {
      throw new IllegalArgumentException("not a sealed secret");
    }
    byte[] in = Base64.getDecoder().decode(stored.substring(VERSION.length()));
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, in, 0, NONCE_BYTES));
      byte[] plain = cipher.doFinal(in, NONCE_BYTES, in.length - NONCE_BYTES);
      return new String(plain, StandardCharsets.UTF_8);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(
          "cannot decrypt a stored secret: was VIGIL_SECRETS_KEY changed?", e);
    }
  }

  private byte[] keyBytes(String configured, String dataDir) {
    if (!configured.isBlank()) {
      return decodeKey(configured.trim(), "VIGIL_SECRETS_KEY");
    }
    if (dataDir.isBlank()) {
      log.warn("Neither VIGIL_SECRETS_KEY nor a data directory: secrets last until shutdown");
      return newKey();
    }
    Path file = Path.of(dataDir).resolve("secrets.key");
    try {
      if (Files.exists(file)) {
        return decodeKey(Files.readString(file).trim(), file.toString());
      }
      Files.createDirectories(file.getParent());
      byte[] made = newKey();
      Files.writeString(file, Base64.getEncoder().encodeToString(made) + "\n");
      try {
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException notPosix) {
        // Windows: the data directory's own permissions protect it
      }
      log.info("Made a key for stored secrets in {}", file);
      return made;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read or write " + file, e);
    }
  }

  private byte[] newKey() {
    byte[] made = new byte[32];
    random.nextBytes(made);
    return made;
  }

  private static byte[] decodeKey(String base64, String from) {
    byte[] bytes;
    try {
      bytes = Base64.getDecoder().decode(base64);
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException(from + " is not base64", e);
    }
    if (bytes.length != 32) {
      throw new IllegalStateException(from + " must be 32 bytes (base64 of 32 random bytes)");
    }
    return bytes;
  }
}
