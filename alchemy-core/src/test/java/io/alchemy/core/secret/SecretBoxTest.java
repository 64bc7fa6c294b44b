package io.alchemy.core.secret;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alchemy.core.state.StateJson;
import org.junit.jupiter.api.Test;

class SecretBoxTest {

  private final SecretBox box = new SecretBox(Secret.of("correct horse"));

  @Test
  void roundTripsWithAFreshNonceAndNoPlainText() {
    ObjectNode first = box.seal("s3cr3t-value", "");
    ObjectNode second = box.seal("s3cr3t-value", "");
    assertThat(box.open(first)).isEqualTo("s3cr3t-value");
    assertThat(first.get("nonce")).isNotEqualTo(second.get("nonce"));
    assertThat(first.get("data")).isNotEqualTo(second.get("data"));
    assertThat(first.get("salt")).isEqualTo(second.get("salt"));
    assertThat(first.toString()).doesNotContain("s3cr3t-value").doesNotContain("correct horse");
    assertThat(first.get("v").asInt()).isEqualTo(1);
    assertThat(first.get("iterations").asInt()).isEqualTo(600_000);
    assertThat(first.get("kdf").asText()).isEqualTo("PBKDF2WithHmacSHA256");
  }

  @Test
  void aBoxKnowsItsPassword() {
    assertThat(box.holds(Secret.of("correct horse"))).isTrue();
    assertThat(box.holds(Secret.of("correct horse "))).isFalse();
    assertThat(box.holds(Secret.of("correct hors"))).isFalse();
  }

  @Test
  void anotherPasswordCannotOpenIt() {
    ObjectNode sealed = box.seal("value", "");
    assertThat(new SecretBox(Secret.of("wrong")).open(sealed)).isNull();
  }

  @Test
  void tamperingIsDetected() {
    ObjectNode sealed = box.seal("value", "");
    String data = sealed.get("data").asText();
    sealed.put("data", (data.charAt(0) == 'A' ? "B" : "A") + data.substring(1));
    assertThat(box.open(sealed)).isNull();
  }

  @Test
  void anUnknownFormatIsRefused() {
    ObjectNode sealed = box.seal("value", "");
    sealed.put("v", 2);
    assertThatThrownBy(() -> box.open(sealed)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unknown secret format 2");
  }

  @Test
  void aSecretNeverShowsItsValue() throws Exception {
    Secret secret = Secret.of("hunter2");
    assertThat(secret.toString()).isEqualTo("Secret[****]");
    assertThat(String.valueOf(new Holder(secret))).doesNotContain("hunter2");
    assertThat(secret).isEqualTo(Secret.of("hunter2")).isNotEqualTo(Secret.of("hunter3"));
    assertThat(box.toString()).doesNotContain("correct horse");
    // A mapper that is not Alchemy's cannot serialize it: no accidental leak through user JSON.
    assertThatThrownBy(() -> new ObjectMapper().writeValueAsString(new Holder(secret)))
        .hasMessageNotContaining("hunter2");
    assertThat(StateJson.mapper().writeValueAsString(new Holder(secret)))
        .isEqualTo("{\"token\":{\"@secret.plain\":\"hunter2\"}}");
  }

  @Test
  void nullOrEmptyValuesAreRefusedClearly() {
    assertThatThrownBy(() -> Secret.of(null)).hasMessageContaining("is the environment variable");
    assertThatThrownBy(() -> new SecretBox(Secret.of(""))).hasMessage("the password is empty");
  }

  @Test
  void maskingHidesSealedAndPlainSecrets() throws Exception {
    var tree = StateJson.mapper().createObjectNode();
    tree.put("name", "api");
    tree.set("sealed", StateJson.mapper().createObjectNode().set("@secret", box.seal("v1", "")));
    tree.set("plain", StateJson.mapper().valueToTree(Secret.of("v2")));
    tree.putArray("list").add(StateJson.mapper().valueToTree(Secret.of("v3")));
    assertThat(SecretTrees.mask(tree).toString()).isEqualTo(
        "{\"name\":\"api\",\"sealed\":\"Secret[****]\",\"plain\":\"Secret[****]\","
            + "\"list\":[\"Secret[****]\"]}");
  }

  record Holder(Secret token) {}
}
