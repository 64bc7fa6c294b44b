package io.alchemy.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.alchemy.core.provider.ResourceContext;
import io.alchemy.core.provider.ResourceProvider;
import io.alchemy.core.secret.Secret;
import io.alchemy.core.secret.WrongPasswordException;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Secrets are stored only encrypted, compared by value, and never printed. */
class SecretsTest {

  private static final String VALUE = "tok-9f8e7d6c5b4a";
  private static final String PASSWORD = "app-password-123";

  @TempDir Path dir;

  /** A resource whose props and output hold a secret. */
  static final class Vault implements ResourceProvider<Vault.Props, Vault.Output> {
    record Props(String name, Secret token) {}

    record Output(String name, Secret token) {}

    final List<String> calls = new ArrayList<>();
    final List<String> seenTokens = new ArrayList<>();

    @Override
    public String type() {
      return "test::Vault";
    }

    @Override
    public Class<Props> propsType() {
      return Props.class;
    }

    @Override
    public Class<Output> outputType() {
      return Output.class;
    }

    @Override
    public Output create(ResourceContext context, Props props) {
      calls.add("create");
      seenTokens.add(props.token().reveal());
      if (props.name().equals("fail")) {
        throw new IllegalStateException("vault refused the token " + props.token());
      }
      return new Output(props.name(), props.token());
    }

    @Override
    public Output update(ResourceContext context, Props oldProps, Props newProps, Output old) {
      calls.add("update");
      seenTokens.add(newProps.token().reveal());
      return new Output(newProps.name(), newProps.token());
    }

    @Override
    public void delete(ResourceContext context, Props props, Output output) {
      calls.add("delete");
      seenTokens.add(props.token().reveal());
    }
  }

  private final Vault vault = new Vault();
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  private Alchemy.Builder builder(String password) {
    Stages stages = new Stages(dir);
    PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
    return stages.builder().password(password == null ? null : Secret.of(password))
        .listener(RunListener.both(new PrintStreamListener(print), new JsonLinesListener(print)));
  }

  private InfrastructureDefinition withToken(String token) {
    return stage -> {
      Vault.Output output = stage.resource("api-key", vault,
          new Vault.Props("api", stage.secret(token)));
      stage.set("copy", output.token());
    };
  }

  @Test
  void secretsAreEncryptedInStateAndNeverPrinted() throws Exception {
    RunResult result = builder(PASSWORD).build().run(withToken(VALUE));
    assertThat(result.created()).isEqualTo(1);
    String state = new Stages(dir).snapshotOfState();
    assertThat(state).contains("\"@secret\"").doesNotContain(VALUE).doesNotContain(PASSWORD);
    assertThat(out.toString(StandardCharsets.UTF_8)).doesNotContain(VALUE);
    List<String> read = new ArrayList<>();
    builder(PASSWORD).phase(Phase.READ).build().run(stage -> {
      read.add(stage.resource("api-key", vault, new Vault.Props("api", Secret.of("x")))
          .token().reveal());
      read.add(stage.get("copy", Secret.class).map(Secret::reveal).orElseThrow());
    });
    assertThat(read).containsExactly(VALUE, VALUE);
  }

  @Test
  void onlyASecretsValueChangingIsAChangeAndReEncryptionIsNot() {
    builder(PASSWORD).build().run(withToken(VALUE));
    vault.calls.clear();
    assertThat(builder(PASSWORD).build().run(withToken(VALUE)).unchanged()).isEqualTo(1);
    assertThat(builder(PASSWORD).build().run(withToken("other-token")).updated()).isEqualTo(1);
    assertThat(builder(PASSWORD).build().run(withToken("other-token")).unchanged()).isEqualTo(1);
    assertThat(vault.calls).containsExactly("update");
  }

  @Test
  void aSecretWithoutAPasswordFailsBeforeAnythingChanges() throws Exception {
    Stages stages = new Stages(dir);
    assertThatThrownBy(() -> builder(null).build().run(withToken(VALUE)))
        .isInstanceOf(DeploymentFailedException.class)
        .hasMessageContaining("Resource my-app/dev/api-key holds a secret, but no password is"
            + " configured")
        .hasMessageContaining("ALCHEMY_PASSWORD")
        .hasMessageNotContaining(VALUE)
        .cause().isInstanceOf(WrongPasswordException.class);
    assertThat(vault.calls).isEmpty();
    assertThat(stages.snapshotOfState()).isEmpty();
  }

  @Test
  void aWrongPasswordFailsAtOnceAndChangesNothing() throws Exception {
    builder(PASSWORD).build().run(stage -> {
      stage.resource("plain", new CountingProvider(), new CountingProvider.Props("p", "v"));
      withToken(VALUE).define(stage);
    });
    String before = new Stages(dir).snapshotOfState();
    vault.calls.clear();
    List<String> ran = new ArrayList<>();
    assertThatThrownBy(() -> builder("wrong-password").build().run(stage -> ran.add("ran")))
        .isInstanceOf(WrongPasswordException.class)
        .hasMessage("Wrong password for the app my-app: it does not decrypt the secrets of"
            + " my-app/dev/api-key in state. Use the password they were encrypted with; nothing"
            + " was changed or overwritten.");
    assertThatThrownBy(() -> builder(null).build().run(stage -> ran.add("ran")))
        .isInstanceOf(WrongPasswordException.class)
        .hasMessageContaining("encrypted with the password of the app my-app, and none is"
            + " configured");
    assertThat(ran).isEmpty();
    assertThat(vault.calls).isEmpty();
    assertThat(new Stages(dir).snapshotOfState()).isEqualTo(before);
  }

  @Test
  void aScopesOwnPasswordIsItsAloneAndSiblingsUseTheAppPassword() throws Exception {
    ScopeOptions secure = ScopeOptions.defaults().password(Secret.of("secure-password"));
    InfrastructureDefinition definition = stage -> {
      stage.run("secure-service", secure, s -> {
        s.resource("key", vault, new Vault.Props("secure", s.secret(VALUE)));
        s.run("nested", n -> n.set("inherited", n.secret("nested-value")));
      });
      stage.run("other", o -> o.resource("key", vault, new Vault.Props("other", o.secret("v2"))));
    };
    builder(PASSWORD).build().run(definition);
    assertThat(new Stages(dir).snapshotOfState()).contains("\"owner\" : \"secure-service\"")
        .contains("\"owner\" : \"\"").doesNotContain(VALUE).doesNotContain("nested-value");
    // The scope's secrets do not open with the app password alone...
    assertThatThrownBy(() -> builder(PASSWORD).phase(Phase.READ).build().run(stage ->
        stage.run("secure-service", s -> s.resource("key", vault, new Vault.Props("x", null)))))
        .hasMessageContaining("encrypted with the password of scope my-app/dev/secure-service");
    // ...nor with a wrong scope password, which fails before the scope's body runs.
    List<String> ran = new ArrayList<>();
    assertThatThrownBy(() -> builder(PASSWORD).build().run(stage -> stage.run("secure-service",
        ScopeOptions.defaults().password(Secret.of("guess")), s -> ran.add("ran"))))
        .hasMessageContaining("Wrong password for scope my-app/dev/secure-service");
    assertThat(ran).isEmpty();
    // With the right one, everything reads back, and a re-run changes nothing.
    RunResult again = builder(PASSWORD).build().run(definition);
    assertThat(again.unchanged()).isEqualTo(2);
    List<Optional<String>> nested = new ArrayList<>();
    builder(PASSWORD).build().run(stage -> {
      stage.run("secure-service", secure, s -> {
        s.resource("key", vault, new Vault.Props("secure", s.secret(VALUE)));
        s.run("nested", n -> nested.add(n.get("inherited", Secret.class).map(Secret::reveal)));
      });
      stage.run("other", o -> o.resource("key", vault, new Vault.Props("other", o.secret("v2"))));
    });
    assertThat(nested).containsExactly(Optional.of("nested-value"));
  }

  @Test
  void failuresAndOrphanDeletionNeverShowTheSecret() throws Exception {
    Throwable failure = null;
    try {
      builder(PASSWORD).build().run(stage ->
          stage.resource("bad", vault, new Vault.Props("fail", stage.secret(VALUE))));
    } catch (DeploymentFailedException e) {
      failure = e;
    }
    assertThat(failure).isNotNull().hasMessageContaining("vault refused the token Secret[****]")
        .hasMessageNotContaining(VALUE);
    vault.seenTokens.clear();
    // The failed "bad" is an orphan now: its delete gets the decrypted token.
    builder(PASSWORD).build().run(withToken(VALUE));
    assertThat(vault.seenTokens).containsExactly(VALUE, VALUE);
    vault.seenTokens.clear();
    builder(PASSWORD).build().run(stage -> stage.resource("keep", vault,
        new Vault.Props("keep", stage.secret("k"))));
    assertThat(vault.seenTokens).containsExactly("k", VALUE);
    assertThat(out.toString(StandardCharsets.UTF_8)).doesNotContain(VALUE);
    assertThat(new Stages(dir).snapshotOfState()).doesNotContain(VALUE);
  }
}
