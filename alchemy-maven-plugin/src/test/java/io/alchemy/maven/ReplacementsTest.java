package io.alchemy.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.Test;

/**
 * What {@code -Dalchemy.replace} and {@code <replace>} accept; the refusals are rows of {@link
 * BadConfigurationTest}.
 */
class ReplacementsTest {

  private static final GoalSettings SHOP_DEV = new GoalSettings("up", "shop", "<app>", "dev",
      "the default (dev)", Path.of("/p/state"), null, "<definition>", Path.of("/p"), null, null,
      GoalSettings.fileSystemNote(Path.of("/p/state")), null, null);

  @Test
  void entriesAreTrimmedAndKeepTheirOrderOnce() throws Exception {
    assertThat(Replacements.of(List.of(" shop/dev/b ", "shop/dev/a", "shop/dev/b"), null,
        "-Dalchemy.replace on the command line", SHOP_DEV))
        .containsExactly("shop/dev/b", "shop/dev/a");
  }

  @Test
  void noneAskedForIsNone() throws Exception {
    assertThat(Replacements.of(null, null, "<replace>", SHOP_DEV)).isEmpty();
    assertThat(Replacements.of(List.of(), null, "<replace>", SHOP_DEV)).isEmpty();
  }

  @Test
  void aResourceInAChildScopeIsAnFqnOfTheStage() throws Exception {
    assertThat(Replacements.of(List.of("shop/dev/storage/images/db"), null, "<replace>",
        SHOP_DEV)).containsExactly("shop/dev/storage/images/db");
  }

  @Test
  void theStageAloneIsNoResource() {
    assertThatThrownBy(() -> Replacements.of(List.of("shop/dev/"), null, "<replace>",
        SHOP_DEV))
        .isInstanceOf(MojoFailureException.class)
        .hasMessageContaining("'shop/dev/'")
        .hasMessageContaining("e.g. shop/dev/config.");
  }
}
