package io.alchemy.aws;

import io.alchemy.core.credentials.AwsCredentials;
import io.alchemy.core.credentials.S3Endpoint;
import io.alchemy.core.provider.ResourceContext;
import io.alchemy.core.provider.TypedResourceProvider;
import java.util.List;

/**
 * What {@link S3Bucket} and {@link S3Object} share in local mode: they run on the session's local
 * S3 (from {@code alchemy-aws-local}), and a recorded one missing there is created again.
 *
 * @param <P> the props record
 * @param <O> the output record
 */
abstract class S3Provider<P, O> extends TypedResourceProvider<P, O> {

  S3Provider(String type, Class<P> propsType, Class<O> outputType) {
    super(type, propsType, outputType);
  }

  /**
   * Refuses, in a plan, what every call of up would refuse: outside local mode, a scope without
   * {@code AwsCredentials}. Reads configuration only.
   */
  static void requireCredentials(ResourceContext context) {
    if (!context.scope().local()) {
      context.scope().providerCredentials().require(AwsCredentials.class);
    }
  }

  /** In local mode it runs on the session's local S3. */
  @Override
  public List<Class<?>> localServers() {
    return List.of(S3Endpoint.class);
  }

  /**
   * In local mode, whether the recorded bucket or object is missing from the session's local S3
   * (its data was deleted), so that it is created again there. Deployed resources are not looked
   * at.
   */
  @Override
  public boolean gone(ResourceContext context, P props, O output) {
    return S3Clients.goneLocally(context, () -> read(context, props).isPresent());
  }
}
