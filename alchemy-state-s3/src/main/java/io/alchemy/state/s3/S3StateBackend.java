package io.alchemy.state.s3;

import io.alchemy.core.state.InvalidStateSettingException;
import io.alchemy.core.state.StateBackend;
import io.alchemy.core.state.StateSettings;
import io.alchemy.core.state.StateStore;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;

/**
 * The {@code s3} state backend, found at run time by hosts that have this module on their class
 * path. Settings: {@code bucket} (required), {@code prefix}, {@code region}, {@code
 * endpointOverride}, {@code pathStyle} ({@code true}/{@code false}), {@code lease} (ISO-8601 or
 * seconds), and the secrets {@code accessKeyId} and {@code secretAccessKey}.
 */
public final class S3StateBackend implements StateBackend {

  /** The name users select it by. */
  public static final String NAME = "s3";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public List<String> settingNames() {
    return List.of("bucket", "prefix", "region", "endpointOverride", "pathStyle", "lease",
        "accessKeyId", "secretAccessKey");
  }

  @Override
  public List<String> secretSettingNames() {
    return List.of("accessKeyId", "secretAccessKey");
  }

  @Override
  public StateStore open(StateSettings settings) {
    S3StateConfig config = config(settings);
    // The client is built at first use: building it may already fail (no region found), and
    // that belongs to the run that needs it.
    return new LazyS3StateStore(config, root(config));
  }

  @Override
  public String describe(StateSettings settings) {
    S3StateConfig config = config(settings);
    return root(config) + (config.endpointOverride() == null ? ""
        : " at " + config.endpointOverride());
  }

  @Override
  public String location(StateSettings settings, String app, String stage) {
    S3StateConfig config = config(settings);
    return root(config) + app + "/" + stage + "/" + (config.endpointOverride() == null ? ""
        : " at " + config.endpointOverride());
  }

  private static String root(S3StateConfig config) {
    return "s3://" + config.bucket() + "/"
        + (config.prefix().isEmpty() ? "" : config.prefix() + "/");
  }

  /** The checked configuration; each problem names its setting. */
  static S3StateConfig config(StateSettings settings) {
    String bucket = settings.value("bucket");
    if (bucket == null) {
      throw new InvalidStateSettingException("bucket", "The s3 state backend needs a bucket, the"
          + " name of an existing bucket, e.g. my-team-infra-state.");
    }
    S3StateConfig.Builder builder;
    try {
      builder = S3StateConfig.builder(bucket);
      builder.build();
    } catch (IllegalArgumentException e) {
      throw new InvalidStateSettingException("bucket", e.getMessage());
    }
    if (settings.has("prefix")) {
      builder.prefix(settings.value("prefix"));
    }
    builder.region(settings.value("region"));
    String endpoint = settings.value("endpointOverride");
    if (endpoint != null) {
      builder.endpointOverride(endpoint(endpoint));
    }
    String pathStyle = settings.value("pathStyle");
    if (pathStyle != null) {
      String flag = pathStyle.toLowerCase(Locale.ROOT);
      if (!flag.equals("true") && !flag.equals("false")) {
        throw new InvalidStateSettingException("pathStyle", "pathStyle '" + pathStyle + "' is"
            + " neither true nor false.");
      }
      builder.pathStyle(Boolean.parseBoolean(flag));
    }
    String lease = settings.value("lease");
    if (lease != null) {
      builder.lease(lease(lease));
    }
    String keyId = settings.secret("accessKeyId") == null ? null
        : settings.secret("accessKeyId").reveal();
    if (keyId != null || settings.secret("secretAccessKey") != null) {
      builder.credentials(keyId, settings.secret("secretAccessKey"));
    }
    try {
      return builder.build();
    } catch (IllegalArgumentException e) {
      String setting = e.getMessage().contains("lease") ? "lease" : "accessKeyId";
      throw new InvalidStateSettingException(setting, e.getMessage());
    }
  }

  private static URI endpoint(String value) {
    try {
      URI uri = new URI(value);
      if (uri.getScheme() == null || uri.getHost() == null) {
        throw new URISyntaxException(value, "no scheme or host");
      }
      return uri;
    } catch (URISyntaxException e) {
      throw new InvalidStateSettingException("endpointOverride", "endpointOverride '" + value
          + "' is not a URL like http://localhost:9090.");
    }
  }

  private static Duration lease(String value) {
    try {
      return value.matches("\\d+") ? Duration.ofSeconds(Long.parseLong(value))
          : Duration.parse(value);
    } catch (DateTimeParseException | NumberFormatException e) {
      throw new InvalidStateSettingException("lease", "The S3 state lock lease '" + value
          + "' is neither an ISO-8601 duration (PT60S) nor a number of seconds (60).");
    }
  }
}
