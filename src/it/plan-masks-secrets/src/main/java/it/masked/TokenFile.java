package it.masked;

import io.alchemy.core.provider.ResourceContext;
import io.alchemy.core.provider.ResourceProvider;
import io.alchemy.core.secret.Secret;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;

/** Writes the SHA-256 of a secret token to a file; props and output hold the token. */
public final class TokenFile implements ResourceProvider<TokenFile.Props, TokenFile.Output> {

  public record Props(String path, Secret token) {}

  public record Output(String path, Secret token) {}

  @Override
  public String type() {
    return "it::TokenFile";
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
  public Output create(ResourceContext context, Props props) throws Exception {
    Path file = context.resolve(Path.of(props.path()));
    Files.createDirectories(file.getParent());
    Files.writeString(file, HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
        .digest(props.token().reveal().getBytes(StandardCharsets.UTF_8))));
    return new Output(file.toString(), props.token());
  }

  @Override
  public Output update(ResourceContext context, Props oldProps, Props newProps, Output old)
      throws Exception {
    return create(context, newProps);
  }

  @Override
  public void delete(ResourceContext context, Props props, Output output) throws Exception {
    Files.deleteIfExists(Path.of(output.path()));
  }
}
