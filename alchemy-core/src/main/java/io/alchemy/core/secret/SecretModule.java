package io.alchemy.core.secret;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;

/**
 * Teaches Alchemy's own mapper to write a {@link Secret} as an in-memory marker {@code
 * {"@secret.plain": "..."}}, which the engine encrypts before anything reaches state. It is
 * registered on no other mapper, so a user's own Jackson cannot print a secret by accident.
 */
public final class SecretModule extends SimpleModule {

  private static final long serialVersionUID = 1L;

  /** The marker of a plain value, only ever in memory. */
  public static final String PLAIN = "@secret.plain";

  /** The marker of an encrypted value, as state holds it. */
  public static final String SEALED = "@secret";

  /** The module. */
  public SecretModule() {
    super("alchemy-secrets");
    addSerializer(Secret.class, new JsonSerializer<>() {
      @Override
      public void serialize(Secret secret, JsonGenerator gen, SerializerProvider serializers)
          throws IOException {
        gen.writeStartObject();
        gen.writeStringField(PLAIN, secret.reveal());
        gen.writeEndObject();
      }
    });
    addDeserializer(Secret.class, new JsonDeserializer<>() {
      @Override
      public Secret deserialize(JsonParser parser, DeserializationContext context)
          throws IOException {
        JsonNode node = parser.readValueAsTree();
        if (node != null && node.path(PLAIN).isTextual()) {
          return Secret.of(node.get(PLAIN).asText());
        }
        throw new IOException("a secret was read before it was decrypted");
      }
    });
  }
}
