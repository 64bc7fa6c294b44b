package io.alchemy.core;

/** {@link Hints} in the words of the Java API, for a run from a plain {@code main()} or a test. */
final class ApiHints implements Hints {

  static final ApiHints INSTANCE = new ApiHints();

  private ApiHints() {}

  @Override
  public String adopt() {
    return "Alchemy.builder().adopt(true)";
  }

  @Override
  public String local() {
    return "Alchemy.builder().local(true)";
  }

  @Override
  public String app() {
    return "Alchemy.builder().app(...)";
  }

  @Override
  public String stage() {
    return "Alchemy.builder().stage(...) or the " + Alchemy.STAGE_ENV + " environment variable";
  }

  @Override
  public String password() {
    return "Alchemy.builder().password(...) or the " + Alchemy.PASSWORD_ENV
        + " environment variable";
  }

  @Override
  public String lockTimeout() {
    return "Alchemy.builder().lockTimeout(Duration.ofMinutes(10))";
  }

  @Override
  public String unlock(String app, String stage, String lockId) {
    return "StateStore.forceUnlock(\"" + app + "\", \"" + stage + "\", \""
        + (lockId == null ? "<lock id>" : lockId) + "\")";
  }

  @Override
  public String overwrite() {
    return "StateMigration.copyStage(..., overwrite: true, ...)";
  }

  @Override
  public String credentials(Class<?> kind) {
    return "Alchemy.builder().credentials(ProviderCredentials.of(" + kind.getSimpleName()
        + " ...))";
  }

  @Override
  public String install(String module) {
    return "put " + module + " on the class path";
  }
}
