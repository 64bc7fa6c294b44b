package io.alchemy.maven;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class ReadMojoTest {

  @Test
  void encryptedSecretsInOutputsAreShownMasked() throws Exception {
    ObjectMapper mapper = new ObjectMapper();
    String output = "{\"name\":\"api\",\"token\":{\"@secret\":{\"v\":1,\"data\":\"abc\"}},"
        + "\"list\":[{\"@secret\":{\"v\":1}},2],\"plain\":{\"a\":1}}";
    assertThat(ReadMojo.masked(mapper.readTree(output)).toString()).isEqualTo(
        "{\"name\":\"api\",\"token\":\"Secret[****]\",\"list\":[\"Secret[****]\",2],"
            + "\"plain\":{\"a\":1}}");
  }
}
