package io.alchemy.core.state;

/**
 * Where stages keep their state. The filesystem store is the default; remote stores let a team
 * share state. Every store isolates stages: opening one never reads or touches another.
 */
public interface StateStore {

  /**
   * Opens the state of one stage.
   *
   * @param app the app name, already validated
   * @param stage the stage, already validated
   * @param mode {@link AccessMode#WRITE} takes the stage lock until {@link StageState#close()}
   * @throws StateLockedException when another run holds the lock
   * @throws CorruptStateException when recorded state cannot be read; nothing is changed
   */
  StageState open(String app, String stage, AccessMode mode);
}
