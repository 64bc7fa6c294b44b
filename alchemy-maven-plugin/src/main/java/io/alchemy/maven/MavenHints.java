package io.alchemy.maven;

import io.alchemy.core.Alchemy;
import io.alchemy.core.Hints;

/**
 * {@link Hints} in the words of this plugin: the {@code -D} property or POM element a user sets,
 * the goal to run, the dependency to add. Given to every run the goals start, so the core's
 * messages name what a Maven user can type.
 */
final class MavenHints implements Hints {

  static final MavenHints INSTANCE = new MavenHints();

  private MavenHints() {}

  @Override
  public String adopt() {
    return "-D" + PropertyNames.ADOPT + " or <adopt>true</adopt>";
  }

  @Override
  public String local() {
    return "-D" + PropertyNames.LOCAL + ", or alchemy:dev";
  }

  @Override
  public String app() {
    return "-D" + PropertyNames.APP + " or <app>";
  }

  @Override
  public String stage() {
    return "-D" + PropertyNames.STAGE + ", <stage> or " + Alchemy.STAGE_ENV;
  }

  @Override
  public String password() {
    return PropertyNames.PASSWORD + ", a settings.xml server named by passwordServerId, or the "
        + Alchemy.PASSWORD_ENV + " environment variable";
  }

  @Override
  public String lockTimeout() {
    return "-D" + PropertyNames.LOCK_TIMEOUT + "=PT10M";
  }

  @Override
  public String unlock(String app, String stage, String lockId) {
    return "mvn alchemy:unlock -D" + PropertyNames.STAGE + "=" + stage + " -D"
        + PropertyNames.LOCK_ID + "=" + (lockId == null ? "<lock id>" : lockId);
  }

  @Override
  public String overwrite() {
    return "-D" + PropertyNames.OVERWRITE + "=true";
  }

  @Override
  public String credentials(Class<?> kind) {
    return "the plugin's <credentials> block, usually inside a Maven profile";
  }

  @Override
  public String install(String module) {
    return "add " + module + " to the <dependencies> of alchemy-maven-plugin in your POM";
  }
}
