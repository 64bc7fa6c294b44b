package io.alchemy.core.fs;

import io.alchemy.core.Scope;
import io.alchemy.core.plan.Unknowns;
import io.alchemy.core.provider.Live;
import io.alchemy.core.provider.ResourceContext;
import io.alchemy.core.provider.ResourceExistsException;
import io.alchemy.core.provider.TypedResourceProvider;
import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A folder (Alchemy's {@code Folder}). Deleting it removes it only when empty, so files that
 * Alchemy did not create are never lost; resources declared after it (typically the files in
 * it) are deleted before it.
 */
public final class Folder extends TypedResourceProvider<Folder.Props, Folder.Output> {

  /** The type name recorded in state. */
  public static final String TYPE = "fs::Folder";

  private static final Folder INSTANCE = new Folder();

  /** The provider; {@link java.util.ServiceLoader} needs this public constructor. */
  public Folder() {
    super(TYPE, Props.class, Output.class);
  }

  /**
   * What the folder should be.
   *
   * @param path where, relative to the project directory unless absolute
   */
  public record Props(String path) {
    /** The path is required. */
    public Props {
      Objects.requireNonNull(path, "path");
    }
  }

  /**
   * The folder created.
   *
   * @param path the absolute path
   */
  public record Output(String path) {}

  /** Props for a folder at {@code path}. */
  public static Props props(String path) {
    return new Props(path);
  }

  /** Props for a folder at {@code path}. */
  public static Props props(Path path) {
    return new Props(path.toString());
  }

  /** Declares a folder in {@code scope}. */
  public static Output declare(Scope scope, String id, Props props) throws Exception {
    return scope.resource(id, INSTANCE, props);
  }

  /** The provider, as {@link java.util.ServiceLoader} and {@link Scope#resource} use it. */
  public static Folder provider() {
    return INSTANCE;
  }

  /** A path that is a file, or lies below one, can never be this folder. */
  @Override
  public void check(ResourceContext context, Props props) throws IOException {
    Paths.checkCanHold(context.resolve(Path.of(props.path())), "folder", "folder");
  }

  @Override
  public Output create(ResourceContext context, Props props)
      throws IOException, ResourceExistsException {
    // A folder that is there already belongs to someone else (a deployed stage, when this is a
    // local run): deleting it later, even empty, would take it from them.
    Path path = Paths.requireAbsent(context.resolve(Path.of(props.path())), "folder");
    Files.createDirectories(path);
    return new Output(path.toString());
  }

  @Override
  public Output update(ResourceContext context, Props oldProps, Props newProps, Output oldOutput)
      throws IOException {
    Path path = context.resolve(Path.of(newProps.path()));
    Files.createDirectories(path);
    return new Output(path.toString());
  }

  @Override
  public void delete(ResourceContext context, Props props, Output output) throws IOException {
    Path path = Paths.made(context, props.path(), output == null ? null : output.path());
    if (!Paths.mayExist(path)) {
      return;
    }
    try {
      Files.deleteIfExists(path);
    } catch (DirectoryNotEmptyException e) {
      String example;
      try (Stream<Path> entries = Files.list(path)) {
        example = entries.map(p -> p.getFileName().toString()).sorted().findFirst().orElse("?");
      }
      throw new IOException("folder " + path + " is not empty (it holds " + example + ", which"
          + " this stage does not manage). Alchemy deletes only empty folders so that nothing it"
          + " did not create is lost; move those files away and run again.", e);
    }
  }

  /**
   * Exactly what {@link #create} and {@link #update} return: the absolute path, unknown when the
   * path holds a value known only after up.
   */
  /** The folder exists, or is missing; a folder has no props beyond its path to drift. */
  @Override
  public Live<Props, Output> readLive(ResourceContext context, Props props, Output output) {
    Path path = Paths.made(context, props.path(), output == null ? null : output.path());
    return Files.isDirectory(path) ? Live.found(props, new Output(path.toString()))
        : Live.missing();
  }

  /** The folder at {@code importId}, a path (relative to the project directory unless absolute). */
  @Override
  public Live<Props, Output> readById(ResourceContext context, String importId, Props props) {
    Path path = context.resolve(Path.of(importId));
    if (!Files.isDirectory(path)) {
      return Live.missing();
    }
    // The declared spelling, when it names the same folder.
    boolean declared = path.equals(context.resolve(Path.of(props.path())));
    return Live.found(declared ? props : new Props(importId), new Output(path.toString()));
  }

  @Override
  public Output predict(ResourceContext context, Props props, Output previous) {
    return new Output(Unknowns.in(props.path()) ? Unknowns.marker(context.fqn(), "path")
        : context.resolve(Path.of(props.path())).toString());
  }

  @Override
  public Optional<Output> read(ResourceContext context, Props props) {
    Path path = context.resolve(Path.of(props.path()));
    return Files.isDirectory(path) ? Optional.of(new Output(path.toString())) : Optional.empty();
  }

  /** The absolute, normalized path: two spellings of one path are one file. */
  @Override
  public String identity(ResourceContext context, Props props, Output output) {
    return output != null ? output.path() : context.resolve(Path.of(props.path())).toString();
  }

  @Override
  public boolean requiresReplacement(Props oldProps, Props newProps) {
    return !oldProps.path().equals(newProps.path());
  }
}
