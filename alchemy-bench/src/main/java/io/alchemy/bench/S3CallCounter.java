package io.alchemy.bench;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Counts the S3 API calls of every AWS SDK client in this JVM, by operation (e.g. {@code
 * PutObject}), each request sent (a retry counts again). The SDK adds it to every client it
 * builds, since it is listed in {@code
 * software/amazon/awssdk/global/handlers/execution.interceptors} on the class path: the providers
 * and state stores need no change to be counted.
 */
public final class S3CallCounter implements ExecutionInterceptor {

  private static final Map<String, LongAdder> CALLS = new ConcurrentHashMap<>();

  /** For the SDK's service loader. */
  public S3CallCounter() {}

  @Override
  public void beforeTransmission(Context.BeforeTransmission context,
      ExecutionAttributes attributes) {
    String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
    CALLS.computeIfAbsent(operation == null ? "?" : operation, k -> new LongAdder()).increment();
  }

  static void reset() {
    CALLS.clear();
  }

  /** The calls since the last reset, by operation. */
  static Map<String, Long> calls() {
    Map<String, Long> calls = new TreeMap<>();
    CALLS.forEach((operation, count) -> {
      if (count.sum() > 0) {
        calls.put(operation, count.sum());
      }
    });
    return calls;
  }

  static long total() {
    return calls().values().stream().mapToLong(Long::longValue).sum();
  }

  /** Calls that change something: creates, puts, copies and deletes. */
  static long mutating() {
    return calls().entrySet().stream().filter(e -> isMutating(e.getKey()))
        .mapToLong(Map.Entry::getValue).sum();
  }

  static boolean isMutating(String operation) {
    return operation.startsWith("Put") || operation.startsWith("Create")
        || operation.startsWith("Delete") || operation.startsWith("Copy")
        || operation.startsWith("Upload") || operation.startsWith("Complete")
        || operation.startsWith("Restore") || operation.startsWith("Abort");
  }
}
