package io.alchemy.core.plan;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.alchemy.core.state.ResourceRecord;
import io.alchemy.core.state.ScopeRecord;
import io.alchemy.core.state.StateJson;
import java.io.IOException;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * A digest of a stage's state as one backend holds it: every record and scope record, in address
 * order, as JSON, hashed with SHA-256. A plan records the fingerprint of the state it saw, so
 * that applying it on any other state is refused. Records stream into the digest, so a plan of
 * thousands of resources pays for no copy of them.
 */
public final class StateFingerprint {

  private static final ObjectWriter WRITER = StateJson.mapper().writer();

  private StateFingerprint() {}

  /** {@code sha256:<hex>} of {@code resources} and {@code scopes}. */
  public static String of(Map<String, ResourceRecord> resources,
      Map<String, ScopeRecord> scopes) {
    MessageDigest digest;
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
    OutputStream into = new OutputStream() {
      @Override
      public void write(int b) {
        digest.update((byte) b);
      }

      @Override
      public void write(byte[] bytes, int offset, int length) {
        digest.update(bytes, offset, length);
      }
    };
    // One generator for every record: writing a value through it leaves it open for the next.
    try (JsonGenerator json = StateJson.mapper().getFactory().createGenerator(into)) {
      for (ResourceRecord record : new TreeMap<>(resources).values()) {
        json.writeRaw("\nresource ");
        WRITER.writeValue(json, record);
      }
      for (ScopeRecord record : new TreeMap<>(scopes).values()) {
        json.writeRaw("\nscope ");
        WRITER.writeValue(json, record);
      }
    } catch (IOException e) {
      throw new IllegalStateException("a digest takes every byte", e);
    }
    return "sha256:" + HexFormat.of().formatHex(digest.digest());
  }
}
