package io.alchemy.aws;

import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** Reads what an S3 error means. SDK messages never carry the secret access key. */
final class S3Errors {

  private S3Errors() {}

  /** The S3 error code, e.g. {@code NoSuchBucket}, or {@code ""}. */
  static String code(S3Exception e) {
    AwsErrorDetails details = e.awsErrorDetails();
    return details == null || details.errorCode() == null ? "" : details.errorCode();
  }

  static boolean isCode(S3Exception e, String... codes) {
    String code = code(e);
    for (String c : codes) {
      if (c.equals(code)) {
        return true;
      }
    }
    return false;
  }

  static boolean notFound(S3Exception e) {
    return e.statusCode() == 404;
  }

  static boolean noSuchBucket(S3Exception e) {
    return isCode(e, "NoSuchBucket") || e.statusCode() == 404 && code(e).isEmpty();
  }

  /** The store does not implement the call, e.g. bucket tagging on some S3-compatible stores. */
  static boolean notImplemented(S3Exception e) {
    return e.statusCode() == 501 || isCode(e, "NotImplemented", "MethodNotAllowed");
  }

  /** One line: the status, the code and the store's message. */
  static String describe(S3Exception e) {
    AwsErrorDetails details = e.awsErrorDetails();
    String message = details == null ? e.getMessage() : details.errorMessage();
    String code = code(e);
    return "HTTP " + e.statusCode() + (code.isEmpty() ? "" : " " + code)
        + (message == null || message.isBlank() ? "" : ": " + message);
  }
}
