package io.alchemy.core.plan;

import io.alchemy.core.AlchemyException;
import java.util.List;

/**
 * An approved plan that no longer describes what {@code up} would do: the state changed since it
 * was made, or the definition now does something else. Nothing was changed.
 */
public class PlanMismatchException extends AlchemyException {

  private static final long serialVersionUID = 1L;

  private final List<String> differences;

  /**
   * @param message the whole message, naming every difference
   * @param differences each difference as one line
   */
  public PlanMismatchException(String message, List<String> differences) {
    super(message);
    this.differences = List.copyOf(differences);
  }

  /** How reality differs from the plan, one line each. */
  public List<String> differences() {
    return differences;
  }
}
