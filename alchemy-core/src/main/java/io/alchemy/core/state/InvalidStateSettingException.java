package io.alchemy.core.state;

/** A {@link StateBackend} setting that is missing or invalid; the message says how to fix it. */
public class InvalidStateSettingException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  private final String setting;

  /**
   * @param setting the setting's name, e.g. {@code jdbcUrl}
   * @param message what is wrong and how to fix it, without where it was configured (the host
   *     knows that)
   */
  public InvalidStateSettingException(String setting, String message) {
    super(message);
    this.setting = setting;
  }

  /** The name of the setting that is wrong. */
  public String setting() {
    return setting;
  }
}
