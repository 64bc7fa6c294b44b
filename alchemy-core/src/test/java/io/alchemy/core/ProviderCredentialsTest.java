package io.alchemy.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.alchemy.core.credentials.AwsCredentials;
import io.alchemy.core.credentials.ProviderCredentials;
import io.alchemy.core.provider.ResourceContext;
import io.alchemy.core.secret.Secret;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The seed's provider credentials: inherited by child scopes, overridable per scope. */
class ProviderCredentialsTest {

  private static final String SECRET_KEY = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

  @TempDir Path dir;

  /** Records the region each call saw, as an S3 provider would read it. */
  private final List<String> regions = new ArrayList<>();
  private final CountingProvider regional = new CountingProvider() {
    @Override
    public Output create(ResourceContext context, Props props) {
      regions.add(props.name() + "@" + context.scope().providerCredentials()
          .require(AwsCredentials.class).region());
      return super.create(context, props);
    }
  };

  private final AwsCredentials aws =
      new AwsCredentials("AKIAEXAMPLE", Secret.of(SECRET_KEY), "us-east-1");

  @Test
  void childScopesInheritAndOverrideOneKind() throws Exception {
    record Other(String token) {}
    List<Object> seen = new ArrayList<>();
    new Stages(dir).builder().credentials(ProviderCredentials.of(aws, new Other("o"))).build()
        .run(stage -> {
          stage.resource("us-bucket", regional, new CountingProvider.Props("us", "v"));
          AwsCredentials app = stage.providerCredentials().require(AwsCredentials.class);
          stage.run("eu-services", ScopeOptions.defaults().credential(app.withRegion("eu-west-1")),
              eu -> {
                eu.resource("eu-bucket", regional, new CountingProvider.Props("eu", "v"));
                eu.run("inner", inner -> {
                  inner.resource("inner-bucket", regional, new CountingProvider.Props("in", "v"));
                  seen.add(inner.providerCredentials().get(Other.class).orElseThrow().token());
                });
              });
          stage.run("sibling", s ->
              s.resource("sib-bucket", regional, new CountingProvider.Props("sib", "v")));
        });
    assertThat(regions).containsExactly("us@us-east-1", "eu@eu-west-1", "in@eu-west-1",
        "sib@us-east-1");
    assertThat(seen).containsExactly("o");
  }

  @Test
  void credentialsAreNeverStoredOrPrinted() throws Exception {
    Stages stages = new Stages(dir);
    stages.builder().credentials(ProviderCredentials.of(aws)).build().run(stage ->
        stage.resource("b", regional, new CountingProvider.Props("b", "v")));
    assertThat(stages.snapshotOfState()).doesNotContain(SECRET_KEY).doesNotContain("AKIAEXAMPLE");
    assertThat(aws.toString()).isEqualTo("AwsCredentials[accessKeyId=AKIA****, region=us-east-1]");
    assertThat(ProviderCredentials.of(aws).toString())
        .isEqualTo("ProviderCredentials[AwsCredentials]");
  }

  @Test
  void missingCredentialsAreAClearError() {
    assertThatThrownBy(() -> new Stages(dir).up(stage ->
        stage.resource("b", regional, new CountingProvider.Props("b", "v"))))
        .hasMessageContaining("No AwsCredentials credentials are configured for this scope."
            + " Give them to the run (Alchemy.builder().credentials(ProviderCredentials.of("
            + "AwsCredentials ...))), or to one scope with ScopeOptions.credential(...).");
  }

  @Test
  void aKeyIdWithoutItsSecretIsRefused() {
    assertThatThrownBy(() -> new AwsCredentials("AKIA", null, "us-east-1"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("need both an access key id and a secret access key");
  }
}
