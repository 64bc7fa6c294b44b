package io.alchemy.aws;

import io.alchemy.core.ResourceOptions;
import io.alchemy.core.Scope;
import io.alchemy.core.plan.Unknowns;
import io.alchemy.core.provider.Live;
import io.alchemy.core.provider.ResourceContext;
import io.alchemy.core.provider.ResourceExistsException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLConnection;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * An object in an S3 bucket ({@code aws::S3Object}), with its content given as text or read from
 * a file. Changing the content or content type writes it again; changing the bucket or key
 * replaces it (the new object is written first, the old one deleted when the run finalizes).
 *
 * <pre>{@code
 * S3Object.Output index = S3Object.declare(scope, "index",
 *     S3Object.props(images.name(), "index.html").content("<h1>Hello</h1>")
 *         .contentType("text/html").build());
 * }</pre>
 *
 * <p>An object that already exists under that key but is not in state is a conflict (adopt it with
 * {@code -Dalchemy.adopt}), unless it already holds exactly this content: the object is written
 * with {@code If-None-Match: *}, so nothing someone else wrote is overwritten without adoption.
 */
public final class S3Object extends S3Provider<S3Object.Props, S3Object.Output> {

  /** The type name recorded in state. */
  public static final String TYPE = "aws::S3Object";

  private static final S3Object INSTANCE = new S3Object();

  /** The provider; {@link java.util.ServiceLoader} needs this public constructor. */
  public S3Object() {
    super(TYPE, Props.class, Output.class);
  }
  private static final String TEXT = "text/plain; charset=utf-8";
  /** The largest changed content a live read fetches to show it: beyond, size and ETag tell. */
  static final int LIVE_TEXT_LIMIT = 64 * 1024;
  private static final Map<String, String> TYPES = Map.of("html", "text/html", "css", "text/css",
      "js", "text/javascript", "json", "application/json", "svg", "image/svg+xml",
      "txt", "text/plain", "wasm", "application/wasm", "webp", "image/webp");

  /**
   * What the object should be. Build with {@link S3Object#props(String, String)}.
   *
   * @param bucket the bucket name, e.g. an {@link S3Bucket.Output#name()}
   * @param key the object key, e.g. {@code site/index.html}
   * @param content the content as text (written as UTF-8), or {@code null} when {@code file} is
   *     set
   * @param file a file to upload, relative to the project directory unless absolute, or {@code
   *     null} when {@code content} is set
   * @param fileSha256 the SHA-256 of the file when it was declared (for absolute paths), so a
   *     changed file is a changed object; {@code null} otherwise
   * @param contentType the {@code Content-Type}, or {@code null} for {@code text/plain;
   *     charset=utf-8} (content) or a type guessed from the file name (file)
   */
  public record Props(String bucket, String key, String content, String file, String fileSha256,
      String contentType) {

    /** Requires a bucket, a key and exactly one of content and file. */
    public Props {
      if (bucket == null || bucket.isBlank()) {
        throw new IllegalArgumentException("an S3Object needs a bucket name");
      }
      if (key == null || key.isEmpty()) {
        throw new IllegalArgumentException("the S3Object in bucket " + bucket + " needs a key");
      }
      if (key.getBytes(StandardCharsets.UTF_8).length > 1024) {
        throw new IllegalArgumentException("the S3Object key " + key.substring(0, 40)
            + "... is longer than S3's 1024 bytes");
      }
      if ((content == null) == (file == null)) {
        throw new IllegalArgumentException("the S3Object s3://" + bucket + "/" + key
            + " needs either content(...) or file(...), not " + (content == null ? "neither"
            : "both"));
      }
    }
  }

  /**
   * The object as written.
   *
   * @param bucket the bucket name
   * @param key the key
   * @param etag the ETag, without quotes (the MD5 of the content for a plain single-part object)
   * @param versionId the version id in a versioned bucket, else {@code null}
   */
  public record Output(String bucket, String key, String etag, String versionId) {}

  /** Starts props for the object {@code key} in {@code bucket}. */
  public static PropsBuilder props(String bucket, String key) {
    return new PropsBuilder(bucket, key);
  }

  /** Declares an object in {@code scope}. */
  public static Output declare(Scope scope, String id, Props props) throws Exception {
    return scope.resource(id, INSTANCE, props);
  }

  /**
   * Declares an object in {@code scope} with {@code options}, e.g. {@link
   * ResourceOptions#importing(String) ResourceOptions.importing("bucket/key")} to take over an
   * object that exists already (see {@link #readById}).
   */
  public static Output declare(Scope scope, String id, Props props, ResourceOptions options)
      throws Exception {
    return scope.resource(id, INSTANCE, props, options);
  }

  /** The provider, as {@link java.util.ServiceLoader} and {@link Scope#resource} use it. */
  public static S3Object provider() {
    return INSTANCE;
  }

  /** The object's address, shown in logs and used to prove which object a record owns. */
  @Override
  public String physicalName(Props props, Output output) {
    return "s3://" + props.bucket() + "/" + props.key();
  }

  @Override
  public Output create(ResourceContext context, Props props) throws Exception {
    byte[] body = body(context, props);
    S3Client s3 = S3Clients.client(context, null);
    try {
      return put(context, s3, props, body, true);
    } catch (S3Exception e) {
      if (e.statusCode() != 412 && e.statusCode() != 409) {
        throw e;
      }
    }
    // Something is there: the same content (an earlier run that crashed) is ours, else a conflict.
    Optional<Output> existing = read(context, props);
    if (existing.isPresent() && same(s3, props, body, existing.get())) {
      return existing.get();
    }
    throw new ResourceExistsException("object s3://" + props.bucket() + "/" + props.key());
  }

  @Override
  public Output update(ResourceContext context, Props oldProps, Props newProps, Output oldOutput)
      throws Exception {
    return put(context, S3Clients.client(context, null), newProps, body(context, newProps), false);
  }

  /** Writes the object only when its content or content type differ from what is there. */
  @Override
  public Output adopt(ResourceContext context, Props props, Output existing) throws Exception {
    byte[] body = body(context, props);
    S3Client s3 = S3Clients.client(context, null);
    if (same(s3, props, body, existing)) {
      return existing;
    }
    return put(context, s3, props, body, false);
  }

  @Override
  public void delete(ResourceContext context, Props props, Output output) throws Exception {
    String bucket = output != null ? output.bucket() : props.bucket();
    String key = output != null ? output.key() : props.key();
    if (output == null && !holdsOwnContent(context, props)) {
      // Creation never finished, and what is there is not what this resource writes: leave it.
      return;
    }
    try {
      S3Clients.client(context, null).deleteObject(d -> d.bucket(bucket).key(key));
    } catch (S3Exception e) {
      if (!S3Errors.notFound(e)) {
        throw e;
      }
    }
  }

  private boolean holdsOwnContent(ResourceContext context, Props props) throws Exception {
    Optional<Output> there = read(context, props);
    if (there.isEmpty() || there.get().etag() == null) {
      return false;
    }
    byte[] body;
    try {
      body = body(context, props);
    } catch (IOException e) {
      return false;
    }
    return there.get().etag().equalsIgnoreCase(md5(body));
  }

  /**
   * What {@link #create} and {@link #update} return, without a request: the bucket and key from
   * the props. The ETag and version id are S3's to give once the object is written (the version
   * id also depends on the bucket's versioning), so both are unknown.
   */
  @Override
  public Output predict(ResourceContext context, Props props, Output previous) {
    requireCredentials(context);
    return new Output(props.bucket(), props.key(), Unknowns.marker(context.fqn(), "etag"),
        Unknowns.marker(context.fqn(), "versionId"));
  }

  /** HeadObject; empty when there is no such object or bucket. */
  @Override
  public Optional<Output> read(ResourceContext context, Props props) throws Exception {
    try {
      HeadObjectResponse head = S3Clients.client(context, null)
          .headObject(h -> h.bucket(props.bucket()).key(props.key()));
      return Optional.of(new Output(props.bucket(), props.key(), unquote(head.eTag()),
          head.versionId()));
    } catch (S3Exception e) {
      if (S3Errors.notFound(e)) {
        return Optional.empty();
      }
      throw e;
    }
  }

  /**
   * The object as it is, for drift: whether it exists, its content and its content type, from a
   * HeadObject. The content counts as unchanged when the object's ETag is the one recorded when
   * Alchemy last wrote it, or the MD5 of the recorded {@code content}. Otherwise it was written
   * outside Alchemy: for {@code content} props, content of at most {@value #LIVE_TEXT_LIMIT} bytes
   * is fetched and, if it is UTF-8 text, shown as it is; anything else stands as {@code "(other
   * content: <size> bytes, ETag <etag>)"} in {@code content}, or in {@code fileSha256} for a file,
   * and is never downloaded. A bucket or object deleted by hand (in a versioned bucket: a delete
   * marker) is missing.
   */
  @Override
  public Live<Props, Output> readLive(ResourceContext context, Props props, Output output) {
    String recordedEtag = output == null ? null : output.etag();
    String contentMd5 = props.content() == null ? null
        : md5(props.content().getBytes(StandardCharsets.UTF_8));
    return look(S3Clients.client(context, null), props, recordedEtag, contentMd5);
  }

  /**
   * Finds an object by its id, {@code bucket/key} (the first {@code /} ends the bucket name;
   * {@code s3://bucket/key} works too), to import it: its content type as it is, and the declared
   * content when the object already holds it (its ETag is the MD5 of the declared content or
   * file). Other content is read as {@link #readLive} reads it, so that the update writes the
   * declared content. Missing when the bucket or the object does not exist.
   */
  @Override
  public Live<Props, Output> readById(ResourceContext context, String importId, Props props)
      throws IOException {
    String id = importId.startsWith("s3://") ? importId.substring("s3://".length()) : importId;
    int slash = id.indexOf('/');
    if (slash <= 0 || slash == id.length() - 1) {
      throw new IllegalArgumentException("Cannot import " + context.fqn() + ": the import id '"
          + importId + "' is not bucket/key. Give the bucket's name and the object's key,"
          + " separated by the first /, e.g."
          + " ResourceOptions.importing(\"my-bucket/site/index.html\"). Nothing was changed.");
    }
    Props there = new Props(id.substring(0, slash), id.substring(slash + 1), props.content(),
        props.file(), props.fileSha256(), props.contentType());
    return look(S3Clients.client(context, null), there, null, md5(body(context, props)));
  }

  /**
   * HeadObject of {@code expected}'s bucket and key: {@code expected} with the live content type,
   * and with its content unless the ETag is neither {@code etag} nor {@code md5}.
   */
  private static Live<Props, Output> look(S3Client s3, Props expected, String etag, String md5) {
    HeadObjectResponse head;
    try {
      head = s3.headObject(h -> h.bucket(expected.bucket()).key(expected.key()));
    } catch (S3Exception e) {
      if (S3Errors.notFound(e)) {
        return Live.missing();
      }
      throw e;
    }
    String liveEtag = unquote(head.eTag());
    String liveType = head.contentType();
    // A type that means the same (spaces, case) is the declared one, null included.
    String contentType = sameType(contentType(expected), liveType) ? expected.contentType()
        : liveType;
    Output output = new Output(expected.bucket(), expected.key(), liveEtag, head.versionId());
    boolean sameContent = liveEtag != null
        && (liveEtag.equalsIgnoreCase(etag == null ? "" : etag)
            || liveEtag.equalsIgnoreCase(md5 == null ? "" : md5));
    if (sameContent) {
      return Live.found(new Props(expected.bucket(), expected.key(), expected.content(),
          expected.file(), expected.fileSha256(), contentType), output);
    }
    String text = expected.content() != null ? liveText(s3, expected, head) : null;
    if (text != null) {
      return Live.found(new Props(expected.bucket(), expected.key(), text, null, null,
          contentType), output);
    }
    // Stands for content that was not fetched, and differs from the recorded content.
    String described = "(other content: " + head.contentLength() + " bytes, ETag " + liveEtag
        + ")";
    Props live = expected.content() != null
        ? new Props(expected.bucket(), expected.key(), described, null, null, contentType)
        : new Props(expected.bucket(), expected.key(), null, expected.file(), described,
            contentType);
    return Live.found(live, output);
  }

  /**
   * The object's content when it is UTF-8 text of at most {@value #LIVE_TEXT_LIMIT} bytes, else
   * {@code null}; fetched only if it is still the version {@code head} saw.
   */
  private static String liveText(S3Client s3, Props props, HeadObjectResponse head) {
    Long length = head.contentLength();
    if (length == null || length > LIVE_TEXT_LIMIT) {
      return null;
    }
    byte[] bytes;
    try {
      bytes = s3.getObjectAsBytes(g -> g.bucket(props.bucket()).key(props.key())
          .ifMatch(head.eTag())).asByteArray();
    } catch (S3Exception e) {
      if (e.statusCode() == 412 || S3Errors.notFound(e)) {
        return null; // written or deleted again since the HEAD: described by the HEAD instead
      }
      throw e;
    }
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }

  @Override
  public boolean requiresReplacement(Props oldProps, Props newProps) {
    return !oldProps.bucket().equals(newProps.bucket()) || !oldProps.key().equals(newProps.key());
  }

  private static Output put(ResourceContext context, S3Client s3, Props props, byte[] body,
      boolean onlyIfAbsent) {
    PutObjectRequest.Builder request = PutObjectRequest.builder().bucket(props.bucket())
        .key(props.key()).contentType(contentType(props));
    if (onlyIfAbsent) {
      request.ifNoneMatch("*");
    }
    PutObjectResponse response;
    try {
      response = s3.putObject(request.build(), RequestBody.fromBytes(body));
    } catch (S3Exception e) {
      if (S3Errors.noSuchBucket(e)) {
        throw new IllegalStateException("Bucket " + props.bucket() + " of object " + context.fqn()
            + " does not exist. Declare it with S3Bucket before the object (pass its output's"
            + " name() as the object's bucket), or check the name.", e);
      }
      throw e;
    }
    return new Output(props.bucket(), props.key(), unquote(response.eTag()),
        response.versionId());
  }

  /** Whether the object {@code existing} already holds {@code body} with the right type. */
  private static boolean same(S3Client s3, Props props, byte[] body, Output existing) {
    if (existing.etag() == null || !existing.etag().equalsIgnoreCase(md5(body))) {
      return false;
    }
    HeadObjectResponse head = s3.headObject(h -> h.bucket(props.bucket()).key(props.key()));
    return sameType(contentType(props), head.contentType());
  }

  private static boolean sameType(String wanted, String actual) {
    return actual != null && wanted.replace(" ", "").equalsIgnoreCase(actual.replace(" ", ""));
  }

  private static String contentType(Props props) {
    if (props.contentType() != null) {
      return props.contentType();
    }
    return props.content() != null ? TEXT : guessType(props.file());
  }

  private static String guessType(String file) {
    String name = Path.of(file).getFileName().toString().toLowerCase(Locale.ROOT);
    int dot = name.lastIndexOf('.');
    String known = dot < 0 ? null : TYPES.get(name.substring(dot + 1));
    if (known != null) {
      return known;
    }
    String guessed = URLConnection.guessContentTypeFromName(name);
    return guessed != null ? guessed : "application/octet-stream";
  }

  private static byte[] body(ResourceContext context, Props props) throws IOException {
    if (props.content() != null) {
      return props.content().getBytes(StandardCharsets.UTF_8);
    }
    Path path = context.resolve(Path.of(props.file()));
    try {
      return Files.readAllBytes(path);
    } catch (NoSuchFileException e) {
      throw new NoSuchFileException(path.toString(), null, "the file of S3Object " + context.fqn()
          + " does not exist (relative paths resolve against the project directory, "
          + context.baseDir() + ")");
    }
  }

  private static String unquote(String etag) {
    if (etag == null) {
      return null;
    }
    return etag.length() >= 2 && etag.startsWith("\"") && etag.endsWith("\"")
        ? etag.substring(1, etag.length() - 1) : etag;
  }

  static String md5(byte[] bytes) {
    return HexFormat.of().formatHex(digest("MD5", bytes));
  }

  private static byte[] digest(String algorithm, byte[] bytes) {
    try {
      return MessageDigest.getInstance(algorithm).digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has " + algorithm, e);
    }
  }

  /** Builds {@link Props}: a bucket, a key, and content or a file. */
  public static final class PropsBuilder {
    private final String bucket;
    private final String key;
    private String content;
    private String file;
    private String fileSha256;
    private String contentType;

    private PropsBuilder(String bucket, String key) {
      this.bucket = bucket;
      this.key = key;
    }

    /** The content, written as UTF-8. */
    public PropsBuilder content(String content) {
      this.content = Objects.requireNonNull(content, "content");
      return this;
    }

    /**
     * A file to upload, relative to the project directory unless absolute. For an absolute path
     * the file's SHA-256 becomes part of the props, so editing the file uploads it again; a
     * relative path is uploaded when the object is created or its props change.
     */
    public PropsBuilder file(Path file) {
      this.file = Objects.requireNonNull(file, "file").toString();
      if (file.isAbsolute()) {
        try {
          this.fileSha256 = HexFormat.of().formatHex(digest("SHA-256", Files.readAllBytes(file)));
        } catch (IOException e) {
          throw new UncheckedIOException("Cannot read " + file + " for the S3Object s3://"
              + bucket + "/" + key + ": " + e.getMessage(), e);
        }
      } else {
        this.fileSha256 = null;
      }
      return this;
    }

    /** Like {@link #file(Path)}. */
    public PropsBuilder file(String file) {
      return file(Path.of(Objects.requireNonNull(file, "file")));
    }

    /** The {@code Content-Type}. */
    public PropsBuilder contentType(String contentType) {
      this.contentType = contentType;
      return this;
    }

    /** The props. */
    public Props build() {
      return new Props(bucket, key, content, file, fileSha256, contentType);
    }
  }
}
