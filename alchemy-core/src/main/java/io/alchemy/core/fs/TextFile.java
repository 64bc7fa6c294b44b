package io.alchemy.core.fs;

import io.alchemy.core.Scope;
import io.alchemy.core.plan.Unknowns;
import io.alchemy.core.provider.Live;
import io.alchemy.core.provider.ResourceContext;
import io.alchemy.core.provider.ResourceExistsException;
import io.alchemy.core.provider.TypedResourceProvider;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;

/**
 * A UTF-8 text file (Alchemy's {@code File}). Changing the content rewrites it in place; changing
 * the path replaces it: the new file is written first, the old one deleted when the run
 * finalizes.
 *
 * <pre>{@code
 * TextFile.Output config = TextFile.declare(scope, "config",
 *     TextFile.props("target/site/config.json", "{\"env\": \"" + scope.stage() + "\"}"));
 * }</pre>
 */
public final class TextFile extends TypedResourceProvider<TextFile.Props, TextFile.Output> {

  /** The type name recorded in state. */
  public static final String TYPE = "fs::TextFile";

  private static final TextFile INSTANCE = new TextFile();

  /** The provider; {@link java.util.ServiceLoader} needs this public constructor. */
  public TextFile() {
    super(TYPE, Props.class, Output.class);
  }

  /**
   * What the file should be.
   *
   * @param path where, relative to the project directory unless absolute
   * @param content the whole content, written as UTF-8
   */
  public record Props(String path, String content) {
    /** Both are required. */
    public Props {
      Objects.requireNonNull(path, "path");
      Objects.requireNonNull(content, "content");
    }
  }

  /**
   * What was written.
   *
   * @param path the absolute path
   * @param size the size in bytes
   * @param sha256 the SHA-256 of the content, hex
   */
  public record Output(String path, long size, String sha256) {}

  /** Props for a file at {@code path} with {@code content}. */
  public static Props props(String path, String content) {
    return new Props(path, content);
  }

  /** Props for a file at {@code path} with {@code content}. */
  public static Props props(Path path, String content) {
    return new Props(path.toString(), content);
  }

  /** Declares a text file in {@code scope}. */
  public static Output declare(Scope scope, String id, Props props) throws Exception {
    return scope.resource(id, INSTANCE, props);
  }

  /** The provider, as {@link java.util.ServiceLoader} and {@link Scope#resource} use it. */
  public static TextFile provider() {
    return INSTANCE;
  }

  /** A path that is a folder, or lies below a file, can never hold this file. */
  @Override
  public void check(ResourceContext context, Props props) throws IOException {
    Paths.checkCanHold(context.resolve(Path.of(props.path())), "file", "text file");
  }

  @Override
  public Output create(ResourceContext context, Props props)
      throws IOException, ResourceExistsException {
    // Whatever is there was not made by this resource: overwriting it could lose someone's work,
    // or a deployed stage's file when this is a local run.
    return write(Paths.requireAbsent(context.resolve(Path.of(props.path())), "file"),
        props.content());
  }

  @Override
  public Output update(ResourceContext context, Props oldProps, Props newProps, Output oldOutput)
      throws IOException {
    return write(context.resolve(Path.of(newProps.path())), newProps.content());
  }

  @Override
  public void delete(ResourceContext context, Props props, Output output) throws IOException {
    Path path = Paths.made(context, props.path(), output == null ? null : output.path());
    if (Paths.mayExist(path)) {
      Files.deleteIfExists(path);
    }
  }

  /**
   * Exactly what {@link #create} and {@link #update} return, computed from the props alone: the
   * absolute path, the size and the SHA-256 of the content. A path that holds a value known only
   * after up makes the path unknown; such content makes the hash unknown and the size 0.
   */
  @Override
  public Output predict(ResourceContext context, Props props, Output previous) {
    String path = Unknowns.in(props.path()) ? Unknowns.marker(context.fqn(), "path")
        : context.resolve(Path.of(props.path())).toString();
    if (Unknowns.in(props.content())) {
      return new Output(path, 0, Unknowns.marker(context.fqn(), "sha256"));
    }
    byte[] bytes = props.content().getBytes(StandardCharsets.UTF_8);
    return new Output(path, bytes.length, sha256(bytes));
  }

  @Override
  public Optional<Output> read(ResourceContext context, Props props) throws IOException {
    Path path = context.resolve(Path.of(props.path()));
    if (!Files.isRegularFile(path)) {
      return Optional.empty();
    }
    byte[] bytes = Files.readAllBytes(path);
    return Optional.of(new Output(path.toString(), bytes.length, sha256(bytes)));
  }

  /**
   * The file as it is: its content (read as UTF-8), size and hash, or missing when no regular
   * file is at its path. A content edited by hand is drift; {@code up} writes the declared one
   * back.
   */
  @Override
  public Live<Props, Output> readLive(ResourceContext context, Props props, Output output)
      throws IOException {
    Path path = Paths.made(context, props.path(), output == null ? null : output.path());
    return live(path, props.path());
  }

  /**
   * The file at {@code importId}, a path (relative to the project directory unless absolute):
   * imported with its content as it is, then written with the declared content if it differs.
   */
  @Override
  public Live<Props, Output> readById(ResourceContext context, String importId, Props props)
      throws IOException {
    Path path = context.resolve(Path.of(importId));
    // The declared spelling, when it names the same file: two spellings are one file.
    boolean declared = path.equals(context.resolve(Path.of(props.path())));
    return live(path, declared ? props.path() : importId);
  }

  private static Live<Props, Output> live(Path path, String propsPath) throws IOException {
    if (!Files.isRegularFile(path)) {
      return Live.missing();
    }
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(path);
    } catch (NoSuchFileException deletedMeanwhile) {
      return Live.missing();
    }
    return Live.found(new Props(propsPath, new String(bytes, StandardCharsets.UTF_8)),
        new Output(path.toString(), bytes.length, sha256(bytes)));
  }

  @Override
  public String physicalName(Props props, Output output) {
    return props.path();
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

  private static Output write(Path path, String content) throws IOException {
    byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
    Path parent = path.getParent();
    if (parent != null && !Files.isDirectory(parent)) {
      Files.createDirectories(parent);
    }
    Files.write(path, bytes);
    return new Output(path.toString(), bytes.length, sha256(bytes));
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
