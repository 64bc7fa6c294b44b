package io.alchemy.core;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alchemy.core.plan.Drift;
import io.alchemy.core.state.StateJson;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;

/**
 * Writes every event as one JSON object per line, for CI and other programs:
 *
 * <pre>{@code
 * {"event":"resource","time":"...","fqn":"my-app/dev/api","type":"fs::TextFile","action":"created","millis":3,"predecessors":["my-app/dev/db"]}
 * {"event":"drift","time":"...","fqn":"my-app/dev/notes","type":"fs::TextFile","kind":"deleted"}
 * {"event":"failed","time":"...","fqn":"my-app/dev/db","type":"...","action":"creating","millis":12,"error":"..."}
 * {"event":"warning","time":"...","message":"..."}
 * {"event":"info","time":"...","message":"Local embedded PostgreSQL ... started in 2710 ms; ..."}
 * {"event":"summary","time":"...","app":"my-app","stage":"dev","phase":"UP","created":1,...}
 * }</pre>
 *
 * <p>Quiet scopes are reported too: quiet only silences the human-readable log.
 */
public final class JsonLinesListener implements RunListener {

  private final PrintStream out;

  /** Writes to {@code out}; each line is written and flushed whole. */
  public JsonLinesListener(PrintStream out) {
    this.out = out;
  }

  @Override
  public void resourceFinished(ResourceReport report) {
    ObjectNode event = event("resource");
    event.put("fqn", report.fqn());
    event.put("type", report.type());
    event.put("action", report.action().past());
    event.put("millis", report.duration().toMillis());
    if (!report.predecessors().isEmpty()) {
      report.predecessors().forEach(event.putArray("predecessors")::add);
    }
    if (!report.changes().isEmpty()) {
      event.set("changes", StateJson.mapper().valueToTree(report.changes()));
    }
    write(event);
  }

  @Override
  public void drifted(Drift drift, boolean quiet) {
    ObjectNode event = event("drift");
    event.put("fqn", drift.fqn());
    event.put("type", drift.type());
    event.put("kind", drift.kind().word());
    if (!drift.changes().isEmpty()) {
      event.set("changes", StateJson.mapper().valueToTree(drift.changes()));
    }
    write(event);
  }

  @Override
  public void resourceFailed(
      String fqn, String type, ResourceAction action, Duration duration, Throwable error) {
    ObjectNode event = event("failed");
    event.put("fqn", fqn);
    event.put("type", type);
    event.put("action", action.progressive());
    event.put("millis", duration.toMillis());
    event.put("error", AlchemyException.describe(error));
    write(event);
  }

  @Override
  public void warning(String message) {
    write(event("warning").put("message", message));
  }

  @Override
  public void info(String message) {
    write(event("info").put("message", message));
  }

  /** Writes the summary line of a finished (or failed) run. */
  public void summary(RunResult result, boolean failed) {
    ObjectNode event = event("summary");
    event.put("app", result.app());
    event.put("stage", result.stage());
    event.put("phase", result.phase().name());
    event.put("failed", failed);
    for (ResourceAction action : ResourceAction.values()) {
      event.put(action.past(), result.count(action));
    }
    if (!result.drift().isEmpty()) {
      event.put("drifted", result.drift().size());
    }
    event.put("millis", result.duration().toMillis());
    write(event);
  }

  private static ObjectNode event(String kind) {
    ObjectNode event = StateJson.mapper().createObjectNode();
    event.put("event", kind);
    event.put("time", Instant.now().toString());
    return event;
  }

  private void write(ObjectNode event) {
    String line;
    try {
      line = StateJson.mapper().writeValueAsString(event);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("an ObjectNode always serializes", e);
    }
    synchronized (out) {
      out.println(line);
      out.flush();
    }
  }
}
