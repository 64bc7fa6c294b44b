package io.alchemy.core.secret;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts and decrypts secrets with one password: AES-256-GCM with a fresh random 96-bit nonce
 * per value, under a key derived by PBKDF2-HMAC-SHA256 with {@value #ITERATIONS} iterations and a
 * random 128-bit salt. The envelope is versioned and carries the salt, so it can evolve:
 *
 * <pre>{@code {"v":1,"kdf":"PBKDF2WithHmacSHA256","iterations":600000,"owner":"",
 *  "salt":"...","nonce":"...","data":"..."}}</pre>
 *
 * <p>Deriving a key is deliberately slow, so a box reuses one salt for everything it encrypts and
 * caches the key of each salt it has met: a run derives once per password, not once per value.
 */
public final class SecretBox {

  /** PBKDF2 iterations, OWASP's recommendation for PBKDF2-HMAC-SHA256. */
  public static final int ITERATIONS = 600_000;

  /** The envelope version this class writes. */
  public static final int VERSION = 1;

  private static final String KDF = "PBKDF2WithHmacSHA256";
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
  private static final Base64.Decoder B64D = Base64.getDecoder();

  private final char[] password;
  private final Map<String, SecretKey> keysBySalt = new HashMap<>();
  private String sealingSalt;

  /** A box for {@code password}, which must not be empty. */
  public SecretBox(Secret password) {
    if (password.reveal().isEmpty()) {
      throw new IllegalArgumentException("the password is empty");
    }
    this.password = password.reveal().toCharArray();
  }

  /** Whether this box was made for {@code password}. */
  public boolean holds(Secret password) {
    // Constant time, like every comparison of a secret.
    return MessageDigest.isEqual(new String(this.password).getBytes(StandardCharsets.UTF_8),
        password.reveal().getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Encrypts {@code plain}.
   *
   * @param owner the scope path whose password this box holds ({@code ""} for the app's)
   */
  public synchronized ObjectNode seal(String plain, String owner) {
    if (sealingSalt == null) {
      // Reuse a salt met while opening, so one key serves this whole run.
      sealingSalt = keysBySalt.isEmpty() ? B64.encodeToString(random(16))
          : keysBySalt.keySet().iterator().next();
    }
    byte[] nonce = random(12);
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, key(sealingSalt), new GCMParameterSpec(128, nonce));
      byte[] data = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
      ObjectNode envelope = JsonNodeFactory.instance.objectNode();
      envelope.put("v", VERSION);
      envelope.put("kdf", KDF);
      envelope.put("iterations", ITERATIONS);
      envelope.put("owner", owner);
      envelope.put("salt", sealingSalt);
      envelope.put("nonce", B64.encodeToString(nonce));
      envelope.put("data", B64.encodeToString(data));
      return envelope;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is part of every JDK", e);
    }
  }

  /**
   * Decrypts an envelope written by {@link #seal}.
   *
   * @return the plain value, or {@code null} when this password does not decrypt it
   * @throws IllegalArgumentException when the envelope is malformed or of an unknown version
   */
  public synchronized String open(JsonNode envelope) {
    if (envelope.path("v").asInt() != VERSION || !KDF.equals(envelope.path("kdf").asText())
        || envelope.path("iterations").asInt() != ITERATIONS) {
      throw new IllegalArgumentException("unknown secret format " + envelope.path("v")
          + "; it was written by another version of Alchemy");
    }
    try {
      String salt = envelope.path("salt").asText();
      byte[] nonce = B64D.decode(envelope.path("nonce").asText());
      byte[] data = B64D.decode(envelope.path("data").asText());
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.DECRYPT_MODE, key(salt), new GCMParameterSpec(128, nonce));
      return new String(cipher.doFinal(data), StandardCharsets.UTF_8);
    } catch (AEADBadTagException e) {
      return null;
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("a secret in state cannot be decrypted: " + e.getMessage(), e);
    }
  }

  private SecretKey key(String salt) throws GeneralSecurityException {
    SecretKey key = keysBySalt.get(salt);
    if (key == null) {
      byte[] saltBytes = B64D.decode(salt);
      PBEKeySpec spec = new PBEKeySpec(password, saltBytes, ITERATIONS, 256);
      try {
        byte[] raw = SecretKeyFactory.getInstance(KDF).generateSecret(spec).getEncoded();
        key = new SecretKeySpec(raw, "AES");
        Arrays.fill(raw, (byte) 0);
      } finally {
        spec.clearPassword();
      }
      keysBySalt.put(salt, key);
    }
    return key;
  }

  private static byte[] random(int length) {
    byte[] bytes = new byte[length];
    RANDOM.nextBytes(bytes);
    return bytes;
  }

  /** Never shows the password. */
  @Override
  public String toString() {
    return "SecretBox[****]";
  }
}
