package io.alchemy.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.alchemy.core.fs.TextFile;
import io.alchemy.core.provider.ResourceContext;
import io.alchemy.core.provider.ResourceProvider;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A takeover (or replacement) that stopped half way may have changed the thing a staying record
 * holds: the next run applies that record again instead of trusting its unchanged props.
 */
class InterruptedTakeoverTest {

  @TempDir Path dir;

  /** TextFile whose takeover writes the file, then dies as a killed JVM would (here: throws). */
  static final class DyingTakeover implements ResourceProvider<TextFile.Props, TextFile.Output> {
    final TextFile real = TextFile.provider();
    @Override
    public String type() {
      return real.type();
    }

    @Override
    public Class<TextFile.Props> propsType() {
      return real.propsType();
    }

    @Override
    public Class<TextFile.Output> outputType() {
      return real.outputType();
    }

    @Override
    public TextFile.Output create(ResourceContext c, TextFile.Props p) throws Exception {
      return real.create(c, p);
    }
    @Override
    public TextFile.Output update(ResourceContext c, TextFile.Props o, TextFile.Props n,
        TextFile.Output out) throws Exception {
      real.update(c, o, n, out);
      throw new IllegalStateException("killed right after the takeover wrote the file");
    }
    @Override
    public void delete(ResourceContext c, TextFile.Props p, TextFile.Output o) throws Exception {
      real.delete(c, p, o);
    }
    @Override
    public java.util.Optional<TextFile.Output> read(ResourceContext c, TextFile.Props p)
        throws Exception {
      return real.read(c, p);
    }
    @Override
    public String identity(ResourceContext c, TextFile.Props p, TextFile.Output o) {
      return real.identity(c, p, o);
    }
  }

  @Test
  void aHolderWhoseThingAnInterruptedTakeoverChangedIsAppliedAgain() throws Exception {
    Stages stages = new Stages(dir);
    stages.up(stage -> TextFile.declare(stage, "a", TextFile.props("out/f.txt", "one")));
    // b takes over a's file (same stage: no adopt mode needed) and dies mid-takeover.
    assertThatThrownBy(() -> stages.up(stage -> stage.resource("b", new DyingTakeover(),
        TextFile.props("out/f.txt", "two")))).isInstanceOf(Exception.class);
    // Back to a as it was: a is unchanged in state, b (CREATING) is an orphan handed over to a.
    stages.up(stage -> TextFile.declare(stage, "a", TextFile.props("out/f.txt", "one")));
    assertThat(stages.file("out/f.txt")).hasContent("one");
  }
}
