package io.alchemy.core.secret;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which output types can hold a secret, read from their declarations. */
class SecretTypesTest {

  record Plain(String name, int size, List<String> tags, Map<String, String> labels) {}

  record Direct(Secret token) {}

  record InList(List<Secret> tokens) {}

  record InMap(Map<String, Secret> byName) {}

  record InOptional(Optional<Secret> maybe) {}

  record InArray(Secret[] tokens) {}

  record Nested(String name, Direct inner) {}

  record Tree(String name, List<Tree> children) {}

  record Unknown(JsonNode anything) {}

  @Test
  void plainRecordsHoldNone() {
    assertThat(SecretTypes.mayHold(Plain.class)).isFalse();
    assertThat(SecretTypes.mayHold(Tree.class)).as("a recursive type ends").isFalse();
    assertThat(SecretTypes.mayHold(String.class)).isFalse();
  }

  @Test
  void secretsAnywhereInTheDeclarationCount() {
    assertThat(SecretTypes.mayHold(Secret.class)).isTrue();
    assertThat(SecretTypes.mayHold(Direct.class)).isTrue();
    assertThat(SecretTypes.mayHold(InList.class)).isTrue();
    assertThat(SecretTypes.mayHold(InMap.class)).isTrue();
    assertThat(SecretTypes.mayHold(InOptional.class)).isTrue();
    assertThat(SecretTypes.mayHold(InArray.class)).isTrue();
    assertThat(SecretTypes.mayHold(Nested.class)).isTrue();
  }

  @Test
  void whatCannotBeKnownCountsAsASecret() {
    assertThat(SecretTypes.mayHold(Unknown.class)).isTrue();
    assertThat(SecretTypes.mayHold(Object.class)).isTrue();
  }
}
