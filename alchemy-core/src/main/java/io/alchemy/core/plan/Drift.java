package io.alchemy.core.plan;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.ArrayList;
import java.util.List;

/**
 * A resource that is not as state recorded it, found by reading it live ({@code refresh}):
 * someone changed or deleted it outside Alchemy.
 *
 * @param fqn the resource's fully qualified name
 * @param type the provider's type name
 * @param kind changed, or deleted
 * @param changes for {@link Kind#DRIFTED}, the props that differ, each from its live value
 *     ({@code before}) to the recorded one ({@code after}); secrets masked
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Drift(String fqn, String type, Kind kind, List<PropChange> changes) {

  /** How a resource drifted. */
  public enum Kind {
    /** It exists, with props other than the recorded ones. */
    DRIFTED("drifted", "drifted"),
    /** It no longer exists. */
    DELETED("deleted", "deleted outside Alchemy");

    private final String word;
    private final String description;

    Kind(String word, String description) {
      this.word = word;
      this.description = description;
    }

    /** e.g. {@code deleted}; also its name in plan files and JSON events. */
    @JsonValue
    public String word() {
      return word;
    }

    /** e.g. {@code deleted outside Alchemy}. */
    public String description() {
      return description;
    }

    /** The kind whose {@link #word()} is {@code word}. */
    @JsonCreator
    public static Kind ofWord(String word) {
      for (Kind kind : values()) {
        if (kind.word.equals(word)) {
          return kind;
        }
      }
      throw new IllegalArgumentException("unknown drift kind '" + word + "'");
    }
  }

  /** Never {@code null}. */
  public Drift {
    changes = changes == null ? List.of() : List.copyOf(changes);
  }

  /**
   * As people read it: {@code !   drifted   my-app/dev/config (fs::TextFile)} and each prop
   * below it as {@code content: "live" -> "recorded"}, or {@code !   deleted   my-app/dev/notes
   * (fs::TextFile): deleted outside Alchemy}.
   */
  public List<String> lines() {
    List<String> lines = new ArrayList<>();
    lines.add(String.format("%-3s %-9s %s (%s)%s", "!", kind.word(), fqn, type,
        kind == Kind.DELETED ? ": " + kind.description() : ": live -> recorded"));
    for (PropChange change : changes) {
      lines.add("      " + change.describe());
    }
    return lines;
  }
}
