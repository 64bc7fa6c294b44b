package io.alchemy.aws;

import io.alchemy.core.ResourceOptions;
import io.alchemy.core.Scope;
import io.alchemy.core.credentials.AwsCredentials;
import io.alchemy.core.plan.Unknowns;
import io.alchemy.core.provider.Live;
import io.alchemy.core.provider.ResourceContext;
import io.alchemy.core.provider.ResourceExistsException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketAlreadyExistsException;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.s3.model.CreateBucketRequest;
import software.amazon.awssdk.services.s3.model.Delete;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.HeadBucketResponse;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.Tag;

/**
 * An S3 bucket ({@code aws::S3Bucket}), in AWS or an S3-compatible store.
 *
 * <ul>
 *   <li>Versioning and tags change in place; a new name or region replaces the bucket: the new one
 *       is created first, the old one deleted when the run finalizes.
 *   <li>A bucket that already exists but is not in state is a conflict, unless adoption is on
 *       ({@code -Dalchemy.adopt}): then it is read, recorded and brought to the props, keeping its
 *       objects.
 *   <li>Deleting a bucket that still holds objects (including old versions) fails, so no data is
 *       lost by accident, unless {@code forceDestroy} is on: then it is emptied first.
 * </ul>
 *
 * <pre>{@code
 * S3Bucket.Output images = S3Bucket.declare(scope, "images",
 *     S3Bucket.props(S3Bucket.physicalName(scope, "images")).versioning(true)
 *         .tag("team", "web").build());
 * }</pre>
 */
public final class S3Bucket extends S3Provider<S3Bucket.Props, S3Bucket.Output> {

  /** The type name recorded in state. */
  public static final String TYPE = "aws::S3Bucket";

  private static final S3Bucket INSTANCE = new S3Bucket();

  /** The provider; {@link java.util.ServiceLoader} needs this public constructor. */
  public S3Bucket() {
    super(TYPE, Props.class, Output.class);
  }
  private static final Pattern REGION = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

  /**
   * What the bucket should be. Build with {@link S3Bucket#props(String)}.
   *
   * @param name the bucket name, globally unique in AWS; see {@link #physicalName}
   * @param region the region, or {@code null} for the scope's {@code AwsCredentials} region
   *     ({@link S3Bucket#declare} fills it in, so a changed scope region replaces the bucket)
   * @param versioning whether versioning is enabled (turning it off suspends it: S3 cannot
   *     disable versioning once enabled)
   * @param tags the bucket's tags, replacing any others
   * @param forceDestroy whether deleting the bucket first deletes every object and object version
   *     in it; otherwise a non-empty bucket is not deleted
   */
  public record Props(String name, String region, boolean versioning, Map<String, String> tags,
      boolean forceDestroy) {

    /** Requires a name; copies and sorts the tags. */
    public Props {
      Objects.requireNonNull(name, "an S3Bucket needs a name");
      tags = tags == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(tags));
    }

    /** A copy in {@code region}. */
    public Props withRegion(String region) {
      return new Props(name, region, versioning, tags, forceDestroy);
    }
  }

  /**
   * The bucket as it is.
   *
   * @param name the bucket name
   * @param region its region
   * @param arn {@code arn:aws:s3:::<name>}
   * @param versioning whether versioning is enabled
   * @param tags its tags
   */
  public record Output(String name, String region, String arn, boolean versioning,
      Map<String, String> tags) {

    /** Copies and sorts the tags. */
    public Output {
      tags = tags == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(tags));
    }
  }

  /** Starts props for a bucket named {@code name}. */
  public static PropsBuilder props(String name) {
    return new PropsBuilder(name);
  }

  /**
   * A valid S3 bucket name derived from the scope and id: {@code scope.createPhysicalName(id, "-",
   * 63)}, lowercased, e.g. {@code my-app-storage-images-dev}. Deterministic, and unique per app,
   * stage, scope and id.
   */
  public static String physicalName(Scope scope, String id) {
    return BucketNames.physicalName(scope, id);
  }

  /**
   * Declares a bucket in {@code scope}. The name is checked first, so a bad one fails before
   * anything is recorded or sent; a missing region is filled in from the scope's credentials.
   */
  public static Output declare(Scope scope, String id, Props props) throws Exception {
    return declare(scope, id, props, ResourceOptions.defaults());
  }

  /**
   * Declares a bucket in {@code scope} with {@code options}, e.g. {@link
   * ResourceOptions#importing(String) ResourceOptions.importing(name)} to take over a bucket that
   * exists already (see {@link #readById}). Otherwise as {@link #declare(Scope, String, Props)}.
   */
  public static Output declare(Scope scope, String id, Props props, ResourceOptions options)
      throws Exception {
    BucketNames.check(props.name(), scope.fqn(id), id);
    checkRegion(props.region(), scope.fqn(id));
    Props resolved = props;
    if (props.region() == null) {
      String region = scope.providerCredentials().get(AwsCredentials.class)
          .map(AwsCredentials::region).filter(r -> !r.isBlank()).orElse(null);
      resolved = props.withRegion(region);
    }
    return scope.resource(id, INSTANCE, resolved, options);
  }

  /** The provider, as {@link java.util.ServiceLoader} and {@link Scope#resource} use it. */
  public static S3Bucket provider() {
    return INSTANCE;
  }

  /** The bucket name, shown in logs and used to prove which bucket a record owns. */
  @Override
  public String physicalName(Props props, Output output) {
    return props.name();
  }

  @Override
  public Output create(ResourceContext context, Props props) throws Exception {
    check(context, props);
    String region = region(context, props);
    S3Client s3 = S3Clients.client(context, region);
    String name = props.name();
    if (exists(s3, name)) {
      throw new ResourceExistsException("bucket " + name);
    }
    try {
      CreateBucketRequest.Builder request = CreateBucketRequest.builder().bucket(name);
      if (!"us-east-1".equals(region)) {
        // us-east-1 is the default location and refuses to be named as a constraint.
        request.createBucketConfiguration(c -> c.locationConstraint(region));
      }
      s3.createBucket(request.build());
    } catch (BucketAlreadyOwnedByYouException e) {
      throw new ResourceExistsException("bucket " + name);
    } catch (BucketAlreadyExistsException e) {
      throw takenElsewhere(name);
    }
    try {
      if (props.versioning()) {
        putVersioning(s3, name, true);
      }
      if (!props.tags().isEmpty()) {
        putTags(context, s3, name, props.tags());
      }
    } catch (RuntimeException e) {
      // Leave nothing behind that the next run would see as a conflict.
      try {
        s3.deleteBucket(d -> d.bucket(name));
      } catch (RuntimeException rollback) {
        e.addSuppressed(rollback);
        throw new IllegalStateException("Bucket " + name + " was created, but configuring it"
            + " failed (" + message(e) + ") and deleting it again failed too ("
            + message(rollback) + "). Delete it by hand, or adopt it (" + context.hints().adopt() + ").", e);
      }
      throw new IllegalStateException("Bucket " + name + " was created, but setting its"
          + " versioning or tags failed: " + message(e) + ". The new bucket was deleted again,"
          + " so nothing is left behind; fix the cause (a store without bucket tagging or"
          + " versioning: declare none) and run again.", e);
    }
    return output(name, region, props.versioning(), props.tags());
  }

  @Override
  public Output update(ResourceContext context, Props oldProps, Props newProps, Output oldOutput)
      throws Exception {
    check(context, newProps);
    String region = oldOutput != null ? oldOutput.region() : region(context, newProps);
    S3Client s3 = S3Clients.client(context, region);
    if (oldProps.versioning() != newProps.versioning()) {
      putVersioning(s3, newProps.name(), newProps.versioning());
    }
    if (!oldProps.tags().equals(newProps.tags())) {
      putTags(context, s3, newProps.name(), newProps.tags());
    }
    return output(newProps.name(), region, newProps.versioning(), newProps.tags());
  }

  /** Brings what {@link #read} found to {@code props}, changing only what differs. */
  @Override
  public Output adopt(ResourceContext context, Props props, Output existing) throws Exception {
    check(context, props);
    String wanted = region(context, props);
    if (!wanted.equals(existing.region())) {
      throw new IllegalStateException("Bucket " + props.name() + " exists in region "
          + existing.region() + ", but " + context.fqn() + " asks for " + wanted + ". A bucket"
          + " cannot move: to adopt it, declare it with region(\"" + existing.region() + "\")."
          + " Nothing was changed.");
    }
    S3Client s3 = S3Clients.client(context, existing.region());
    if (existing.versioning() != props.versioning()) {
      putVersioning(s3, props.name(), props.versioning());
    }
    if (!existing.tags().equals(props.tags())) {
      putTags(context, s3, props.name(), props.tags());
    }
    return output(props.name(), existing.region(), props.versioning(), props.tags());
  }

  /**
   * Deletes the bucket, emptying it first with {@code forceDestroy}. Without an output (its
   * creation never finished) nothing is deleted: the record may stem from a create that was
   * refused because someone else's bucket has that name, and nothing proves the bucket is ours.
   */
  @Override
  public void delete(ResourceContext context, Props props, Output output) throws Exception {
    if (output == null) {
      return;
    }
    String name = output.name();
    S3Client s3 = S3Clients.client(context, output.region());
    try {
      if (props.forceDestroy()) {
        empty(s3, name);
      }
      s3.deleteBucket(d -> d.bucket(name));
    } catch (S3Exception e) {
      if (S3Errors.noSuchBucket(e)) {
        return;
      }
      if (S3Errors.isCode(e, "BucketNotEmpty")) {
        throw new IllegalStateException("Bucket " + name + " was not deleted: it still holds"
            + " objects, or old versions of objects, that no S3Object of this stage manages."
            + " Empty it and run again, or let Alchemy empty it: declare the bucket with"
            + " forceDestroy(true) (which deletes everything in it) and run up (once with"
            + " with adoption on (" + context.hints().adopt() + ") if this run was deleting it),"
            + " then remove it or run destroy."
            + " The bucket was left as it is.", e);
      }
      throw e;
    }
  }

  /**
   * What {@link #create} and {@link #update} return, without a request: the name and its ARN,
   * versioning and tags from the props, and the region: the props' ({@link #declare} fills it in
   * from the credentials), else the bucket's own for an update (a bucket never moves), else in
   * local mode the configured or default one. Otherwise it is unknown: finding it could ask the
   * AWS environment, even an instance's metadata service.
   */
  @Override
  public Output predict(ResourceContext context, Props props, Output previous) {
    requireCredentials(context);
    String region;
    if (props.region() != null) {
      region = props.region();
    } else if (previous != null) {
      region = previous.region();
    } else if (context.scope().local()) {
      region = S3Clients.defaultRegion(context);
    } else {
      region = Unknowns.marker(context.fqn(), "region");
    }
    return output(props.name(), region, props.versioning(), props.tags());
  }

  /** HeadBucket, versioning and tags; empty when there is no such bucket. */
  @Override
  public Optional<Output> read(ResourceContext context, Props props) throws Exception {
    S3Client s3 = S3Clients.client(context, region(context, props));
    String name = props.name();
    Optional<String> region = headRegion(s3, name);
    if (region.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(output(name, region.get(), readVersioning(s3, name, false),
        readTags(s3, name, Map.of())));
  }

  /**
   * The bucket as it is, for drift: whether it exists, its region, its versioning and its whole
   * tag set (tags starting with {@code aws:}, which only AWS sets, left out). A tag added by hand
   * is drift, since {@link Props#tags()} is the bucket's whole tag set and an update replaces it.
   * What cannot be read stays as recorded: {@code forceDestroy} (Alchemy's own setting), tags in
   * local mode or on a store without bucket tagging, versioning on a store without it.
   * Read-only requests: HeadBucket, GetBucketVersioning, GetBucketTagging.
   */
  @Override
  public Live<Props, Output> readLive(ResourceContext context, Props props, Output output) {
    String recordedRegion = output != null ? output.region() : region(context, props);
    return look(context, props.name(), recordedRegion, props);
  }

  /**
   * Finds a bucket by its name, to import it: its region, versioning and tag set as they are
   * ({@code forceDestroy} as declared). Missing when no bucket has that name.
   *
   * @param importId the bucket's name
   */
  @Override
  public Live<Props, Output> readById(ResourceContext context, String importId, Props props) {
    String problem = BucketNames.problem(importId);
    if (problem != null) {
      throw new IllegalArgumentException("Cannot import " + context.fqn() + ": the import id '"
          + importId + "' is not an S3 bucket name (it " + problem + "). Give the name of the"
          + " existing bucket, e.g. ResourceOptions.importing(\"my-legacy-bucket\"). Nothing was"
          + " changed.");
    }
    return look(context, importId, region(context, props), props);
  }

  /**
   * Reads bucket {@code name}; {@code region} is the one its props do not name, and {@code
   * unreadable} gives what cannot be read.
   */
  private static Live<Props, Output> look(ResourceContext context, String name, String region,
      Props unreadable) {
    S3Client s3 = S3Clients.client(context, region);
    Optional<String> actualRegion = headRegion(s3, name);
    if (actualRegion.isEmpty()) {
      return Live.missing();
    }
    boolean versioning = readVersioning(s3, name, unreadable.versioning());
    // Local mode never applies tags (its S3 has no bucket tagging): state is the truth there.
    Map<String, String> tags = context.scope().local() ? unreadable.tags()
        : readTags(s3, name, unreadable.tags());
    String live = actualRegion.get();
    // A region the props left to the scope stays unnamed while the bucket is still there.
    String propsRegion = unreadable.region() == null && live.equals(region) ? null : live;
    Props props = new Props(name, propsRegion, versioning, tags, unreadable.forceDestroy());
    return Live.found(props, output(name, live, versioning, tags));
  }

  /** The bucket's region, or empty when there is no such bucket. */
  private static Optional<String> headRegion(S3Client s3, String name) {
    HeadBucketResponse head;
    try {
      head = s3.headBucket(h -> h.bucket(name));
    } catch (S3Exception e) {
      if (S3Errors.notFound(e)) {
        return Optional.empty();
      }
      if (e.statusCode() == 403) {
        throw new IllegalStateException("S3 refused to say whether bucket " + name + " exists"
            + " (HTTP 403): it belongs to another AWS account, or these credentials are wrong or"
            + " lack s3:ListBucket. Check the credentials of its scope. Nothing was changed.", e);
      }
      throw e;
    }
    String region = head.bucketRegion();
    if (region == null || region.isBlank()) {
      region = location(s3.getBucketLocation(l -> l.bucket(name)).locationConstraintAsString());
    }
    return Optional.of(region);
  }

  @Override
  public boolean requiresReplacement(Props oldProps, Props newProps) {
    return !oldProps.name().equals(newProps.name())
        || !Objects.equals(oldProps.region(), newProps.region());
  }

  /** A bucket name, region or tag that S3 would refuse fails before anything is recorded. */
  @Override
  public void check(ResourceContext context, Props props) {
    BucketNames.check(props.name(), context.fqn(), context.id());
    checkRegion(props.region(), context.fqn());
    checkTags(props.tags(), context.fqn());
  }

  private static void checkRegion(String region, String fqn) {
    if (region != null && !REGION.matcher(region).matches()) {
      throw new IllegalArgumentException("The region '" + region + "' of bucket " + fqn
          + " is not a region name such as us-east-1 or eu-west-1. Nothing was created.");
    }
  }

  private static void checkTags(Map<String, String> tags, String fqn) {
    if (tags.size() > 50) {
      throw new IllegalArgumentException("Bucket " + fqn + " has " + tags.size()
          + " tags; S3 allows at most 50.");
    }
    tags.forEach((key, value) -> {
      if (key == null || key.isEmpty() || key.length() > 128 || value == null
          || value.length() > 256 || key.startsWith("aws:")) {
        throw new IllegalArgumentException("Bucket " + fqn + " has the tag '" + key + "' = '"
            + value + "', which S3 refuses: keys are 1 to 128 characters and may not start with"
            + " aws:, values are at most 256 characters.");
      }
    });
  }

  private static String region(ResourceContext context, Props props) {
    return props.region() != null ? props.region() : S3Clients.defaultRegion(context);
  }

  /** {@code true} when the bucket exists and is ours to read; fails when another owns it. */
  private static boolean exists(S3Client s3, String name) {
    try {
      s3.headBucket(h -> h.bucket(name));
      return true;
    } catch (S3Exception e) {
      if (S3Errors.notFound(e)) {
        return false;
      }
      if (e.statusCode() == 403) {
        throw new IllegalStateException("S3 refused to say whether bucket " + name + " exists"
            + " (HTTP 403): the name is taken by another AWS account, or these credentials are"
            + " wrong or lack s3:ListBucket. Bucket names are global across all accounts: if it is"
            + " taken, choose another, e.g. with S3Bucket.physicalName(scope, id). Nothing was"
            + " created.", e);
      }
      throw e;
    }
  }

  private static IllegalStateException takenElsewhere(String name) {
    return new IllegalStateException("The bucket name " + name + " is taken by another AWS"
        + " account (or these credentials may not read it). Bucket names are global across all"
        + " accounts: choose another, e.g. with S3Bucket.physicalName(scope, id). Nothing was"
        + " created.");
  }

  private static void putVersioning(S3Client s3, String name, boolean enabled) {
    s3.putBucketVersioning(v -> v.bucket(name).versioningConfiguration(c -> c.status(
        enabled ? BucketVersioningStatus.ENABLED : BucketVersioningStatus.SUSPENDED)));
  }

  private static void putTags(ResourceContext context, S3Client s3, String name,
      Map<String, String> tags) {
    if (context.scope().local()) {
      // The local S3 (S3Mock) has no bucket tagging; tags are for accounts and bills anyway.
      return;
    }
    if (tags.isEmpty()) {
      s3.deleteBucketTagging(d -> d.bucket(name));
      return;
    }
    List<Tag> tagSet = new ArrayList<>();
    tags.forEach((key, value) -> tagSet.add(Tag.builder().key(key).value(value).build()));
    s3.putBucketTagging(t -> t.bucket(name).tagging(g -> g.tagSet(tagSet)));
  }

  /** Whether versioning is enabled; {@code unreadable} on a store that does not implement it. */
  private static boolean readVersioning(S3Client s3, String name, boolean unreadable) {
    try {
      return s3.getBucketVersioning(v -> v.bucket(name)).status()
          == BucketVersioningStatus.ENABLED;
    } catch (S3Exception e) {
      if (S3Errors.notImplemented(e)) {
        return unreadable;
      }
      throw e;
    }
  }

  /**
   * The bucket's tags, without those starting with {@code aws:} (only AWS sets them, and no
   * props may hold them); none when it has none, {@code unreadable} when the store does not
   * implement tagging.
   */
  private static Map<String, String> readTags(S3Client s3, String name,
      Map<String, String> unreadable) {
    try {
      Map<String, String> tags = new TreeMap<>();
      s3.getBucketTagging(t -> t.bucket(name)).tagSet().stream()
          .filter(tag -> !tag.key().startsWith("aws:"))
          .forEach(tag -> tags.put(tag.key(), tag.value()));
      return tags;
    } catch (S3Exception e) {
      if (S3Errors.isCode(e, "NoSuchTagSet")) {
        return Map.of();
      }
      if (S3Errors.notImplemented(e)) {
        return unreadable;
      }
      throw e;
    }
  }

  /** Deletes every object version, delete marker and object in the bucket. */
  private static void empty(S3Client s3, String name) {
    List<ObjectIdentifier> batch = new ArrayList<>();
    try {
      s3.listObjectVersionsPaginator(l -> l.bucket(name)).forEach(page -> {
        page.versions().forEach(v -> batch.add(identifier(v.key(), v.versionId())));
        page.deleteMarkers().forEach(m -> batch.add(identifier(m.key(), m.versionId())));
        if (batch.size() >= 1000) {
          deleteObjects(s3, name, batch);
        }
      });
      deleteObjects(s3, name, batch);
    } catch (S3Exception e) {
      if (!S3Errors.notImplemented(e)) {
        throw e;
      }
    }
    // Stores without versioning, and objects written while the versions were listed.
    s3.listObjectsV2Paginator(l -> l.bucket(name)).contents().forEach(o -> {
      batch.add(identifier(o.key(), null));
      if (batch.size() >= 1000) {
        deleteObjects(s3, name, batch);
      }
    });
    deleteObjects(s3, name, batch);
  }

  private static ObjectIdentifier identifier(String key, String versionId) {
    ObjectIdentifier.Builder id = ObjectIdentifier.builder().key(key);
    if (versionId != null && !versionId.isEmpty() && !"null".equals(versionId)) {
      id.versionId(versionId);
    }
    return id.build();
  }

  private static void deleteObjects(S3Client s3, String name, List<ObjectIdentifier> batch) {
    if (batch.isEmpty()) {
      return;
    }
    List<ObjectIdentifier> objects = List.copyOf(batch);
    batch.clear();
    DeleteObjectsResponse response = s3.deleteObjects(d -> d.bucket(name)
        .delete(Delete.builder().objects(objects).quiet(true).build()));
    if (response.hasErrors() && !response.errors().isEmpty()) {
      var first = response.errors().get(0);
      throw new IllegalStateException("Emptying bucket " + name + " failed for "
          + response.errors().size() + " objects, e.g. " + first.key() + ": " + first.code()
          + " " + first.message() + ". The bucket was not deleted.");
    }
  }

  private static String location(String constraint) {
    if (constraint == null || constraint.isEmpty() || "null".equals(constraint)) {
      return "us-east-1";
    }
    return "EU".equals(constraint) ? "eu-west-1" : constraint;
  }

  private static Output output(String name, String region, boolean versioning,
      Map<String, String> tags) {
    return new Output(name, region, "arn:aws:s3:::" + name, versioning, tags);
  }

  private static String message(Throwable e) {
    return e instanceof S3Exception s3 ? S3Errors.describe(s3) : String.valueOf(e.getMessage());
  }

  /** Builds {@link Props}; only the name is required. */
  public static final class PropsBuilder {
    private final String name;
    private String region;
    private boolean versioning;
    private final Map<String, String> tags = new TreeMap<>();
    private boolean forceDestroy;

    private PropsBuilder(String name) {
      this.name = name;
    }

    /** The region; by default the scope's {@code AwsCredentials} region. */
    public PropsBuilder region(String region) {
      this.region = region;
      return this;
    }

    /** Enables versioning (off by default). */
    public PropsBuilder versioning(boolean versioning) {
      this.versioning = versioning;
      return this;
    }

    /** Adds a tag. */
    public PropsBuilder tag(String key, String value) {
      tags.put(Objects.requireNonNull(key, "tag key"), Objects.requireNonNull(value, "tag value"));
      return this;
    }

    /** Adds tags. */
    public PropsBuilder tags(Map<String, String> tags) {
      tags.forEach(this::tag);
      return this;
    }

    /**
     * Whether deleting the bucket deletes everything in it first (off by default: a non-empty
     * bucket is then left in place and the delete fails).
     */
    public PropsBuilder forceDestroy(boolean forceDestroy) {
      this.forceDestroy = forceDestroy;
      return this;
    }

    /** The props. */
    public Props build() {
      return new Props(name, region, versioning, tags, forceDestroy);
    }
  }
}
