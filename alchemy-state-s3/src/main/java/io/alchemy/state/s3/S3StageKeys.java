package io.alchemy.state.s3;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Where one stage's objects live in the bucket:
 *
 * <pre>
 * &lt;prefix&gt;/&lt;app&gt;/&lt;stage&gt;/lock.json
 * &lt;prefix&gt;/&lt;app&gt;/&lt;stage&gt;/snapshot.json
 * &lt;prefix&gt;/&lt;app&gt;/&lt;stage&gt;/resources/&lt;url-encoded address&gt;.json
 * &lt;prefix&gt;/&lt;app&gt;/&lt;stage&gt;/scopes/&lt;url-encoded scope path&gt;.json
 * </pre>
 *
 * <p>Addresses and scope paths are URL-encoded, so a record is one flat key ({@code /} becomes
 * {@code %2F}) and no two records share one. The stage scope's path is empty: {@code
 * scopes/.json}.
 */
record S3StageKeys(String bucket, String prefix, String app, String stage) {

  /** The folder of the stage, ending in {@code /}. */
  String stageFolder() {
    return (prefix.isEmpty() ? "" : prefix + "/") + app + "/" + stage + "/";
  }

  String lock() {
    return stageFolder() + "lock.json";
  }

  /** The copy of every record, see {@link S3StageSnapshot}. */
  String snapshot() {
    return stageFolder() + "snapshot.json";
  }

  String resources() {
    return stageFolder() + "resources/";
  }

  String scopes() {
    return stageFolder() + "scopes/";
  }

  String resource(String address) {
    return resources() + encode(address) + ".json";
  }

  String scope(String path) {
    return scopes() + encode(path) + ".json";
  }

  /** {@code s3://bucket/key}, for messages. */
  String url(String key) {
    return "s3://" + bucket + "/" + key;
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }
}
