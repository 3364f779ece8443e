package io.fathom.controlplane.secret;

import io.fathom.controlplane.config.FathomHome;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals secret values at rest with AES-256-GCM. The key comes from {@code fathom.secrets.key}
 * (base64, 32 bytes) or, by default, from {@code $FATHOM_HOME/secrets.key}, created with mode 600
 * on first use.
 */
@Singleton
public class SecretBox {
  private static final String VERSION = "v1:";
  private static final int IV_BYTES = 12;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final SecretKeySpec key;

  public SecretBox(FathomHome home, @Nullable @Value("${fathom.secrets.key:}") String configured) {
    byte[] raw =
        configured != null && !configured.isBlank()
            ? decodeKey(configured, "fathom.secrets.key")
            : loadOrCreate(home.resolve("secrets.key"));
    this.key = new SecretKeySpec(raw, "AES");
  }

  public String seal(String plaintext) {
    try {
      byte[] iv = new byte[IV_BYTES];
      RANDOM.nextBytes(iv);
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, iv));
      byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
      ByteBuffer out = ByteBuffer.allocate(iv.length + sealed.length).put(iv).put(sealed);
      return VERSION + Base64.getEncoder().encodeToString(out.array());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Cannot seal a secret", e);
    }
  }

  public String open(String sealed) {
    if (!sealed.startsWith(VERSION)) {
      throw new IllegalStateException("Unknown sealed-secret format");
    }
    try {
      byte[] all = Base64.getDecoder().decode(sealed.substring(VERSION.length()));
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, all, 0, IV_BYTES));
      byte[] plain = cipher.doFinal(all, IV_BYTES, all.length - IV_BYTES);
      return new String(plain, StandardCharsets.UTF_8);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(
          "Cannot open a sealed secret: the secrets key changed or the value is corrupt", e);
    }
  }

  private static byte[] loadOrCreate(Path file) {
    try {
      if (Files.exists(file)) {
        return decodeKey(Files.readString(file).trim(), file.toString());
      }
      byte[] raw = new byte[32];
      RANDOM.nextBytes(raw);
      Path tmp = Files.createTempFile(file.getParent(), ".secrets", ".tmp");
      Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
      Files.writeString(tmp, Base64.getEncoder().encodeToString(raw) + "\n");
      try {
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
      } catch (IOException raced) {
        Files.deleteIfExists(tmp);
        return decodeKey(Files.readString(file).trim(), file.toString());
      }
      return raw;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read or create the secrets key " + file, e);
    }
  }

  private static byte[] decodeKey(String base64, String source) {
    byte[] raw;
    try {
      raw = Base64.getDecoder().decode(base64);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(source + " is not base64", e);
    }
    if (raw.length != 32) {
      throw new IllegalArgumentException(
          source + " must hold 32 bytes (AES-256), it holds " + raw.length);
    }
    return raw;
  }
}
