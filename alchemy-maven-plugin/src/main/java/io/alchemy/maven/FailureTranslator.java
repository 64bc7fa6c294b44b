package io.alchemy.maven;

import io.alchemy.core.Alchemy;
import io.alchemy.core.AlchemyException;
import io.alchemy.core.DeploymentFailedException;
import io.alchemy.core.InvalidNameException;
import io.alchemy.core.definition.DefinitionException;
import io.alchemy.core.engine.NameRules;
import io.alchemy.core.plan.PlanMismatchException;
import io.alchemy.core.secret.WrongPasswordException;
import io.alchemy.core.state.CorruptStateException;
import io.alchemy.core.state.MigrationRefusedException;
import io.alchemy.core.state.StateException;
import io.alchemy.core.state.StateLockedException;
import io.alchemy.maven.ConfigurationProblem.Conflict;
import io.alchemy.maven.ConfigurationProblem.Incomplete;
import io.alchemy.maven.ConfigurationProblem.IncompleteServer;
import io.alchemy.maven.ConfigurationProblem.NoSuchServer;
import io.alchemy.maven.ConfigurationProblem.UndecryptableServer;
import io.alchemy.maven.ConfigurationProblem.Invalid;
import io.alchemy.maven.ConfigurationProblem.Missing;
import io.alchemy.maven.ConfigurationProblem.NotInstalled;
import io.alchemy.maven.ConfigurationProblem.UnknownChoice;
import io.alchemy.maven.ConfigurationProblem.Unresolved;
import java.io.IOException;
import org.apache.maven.artifact.DependencyResolutionRequiredException;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;

/**
 * Turns everything a goal can throw into the Maven failure that explains it: what failed, where
 * (the POM element or {@code -D} property) and the exact fix. The only place that decides
 * wording and kind, so that the goals stay a few lines each.
 *
 * <p>Kinds: a {@link MojoFailureException} ("BUILD FAILURE") for anything the user fixes in the
 * project, its configuration or its definition; a {@link MojoExecutionException} for problems of
 * the machine (I/O) or of Alchemy itself.
 */
final class FailureTranslator {

  private final GoalSettings settings;

  /** Words messages with {@code settings}: the values in force and where they came from. */
  FailureTranslator(GoalSettings settings) {
    this.settings = settings;
  }

  /**
   * The Maven failure for {@code error}.
   *
   * @return a {@link MojoExecutionException} for internal or I/O problems, to be thrown
   * @throws MojoFailureException for problems the user fixes, thrown directly so callers can write
   *     {@code throw translator.translate(e)}
   */
  MojoExecutionException translate(Exception error) throws MojoFailureException {
    if (error instanceof ConfigurationProblem e) {
      // No cause: Maven would append the cause's terse text to the message, and a configuration
      // problem has no stack worth showing.
      throw new MojoFailureException(configuration(e.problem()));
    }
    if (error instanceof WrongPasswordException e) {
      throw new MojoFailureException(e.getMessage() + passwordNote(), e);
    }
    if (error instanceof InvalidNameException e) {
      throw new MojoFailureException(invalidName(e), e);
    }
    if (error instanceof DefinitionException e) {
      throw new MojoFailureException(definition(e), e);
    }
    if (error instanceof DeploymentFailedException e) {
      // The engine's message already names the failing scope's FQN and the cause, and says that
      // nothing was deleted; only the goal is added, for builds that run several.
      throw new MojoFailureException("alchemy:" + settings.goal() + " of "
          + settings.stageFqn() + " failed. " + e.getMessage()
          + (e.getCause() instanceof WrongPasswordException ? passwordNote() : ""), e);
    }
    if (error instanceof StateLockedException e) {
      throw new MojoFailureException(e.withHints(MavenHints.INSTANCE).getMessage(), error);
    }
    if (error instanceof CorruptStateException) {
      throw new MojoFailureException(error.getMessage(), error);
    }
    if (error instanceof MigrationRefusedException e) {
      // Bad input (a stage without state, a target that has some): the user fixes it.
      throw new MojoFailureException(e.getMessage() + " (" + settings.stateNote() + ")", e);
    }
    if (error instanceof PlanMismatchException e) {
      throw new MojoFailureException(planMismatch(e), e);
    }
    if (error instanceof StateException e) {
      return new MojoExecutionException(e.getMessage() + " (" + settings.stateNote() + ")", e);
    }
    if (error instanceof AlchemyException e) {
      throw new MojoFailureException(e.getMessage(), e);
    }
    if (error instanceof IOException e) {
      return new MojoExecutionException("alchemy:" + settings.goal() + " cannot write the events"
          + " file " + settings.eventsFile() + ": " + AlchemyException.describe(e) + ". Set a"
          + " writable path with -D" + PropertyNames.EVENTS_FILE + " or <eventsFile>.", e);
    }
    if (error instanceof DependencyResolutionRequiredException e) {
      return new MojoExecutionException("alchemy:" + settings.goal() + " could not get the"
          + " project's runtime classpath: " + e.getMessage() + ". Run it in a Maven build that"
          + " resolves dependencies, e.g. mvn alchemy:" + settings.goal() + " from the project"
          + " folder.", e);
    }
    return new MojoExecutionException("alchemy:" + settings.goal() + " failed unexpectedly: "
        + error.getClass().getName() + ": " + AlchemyException.describe(error) + ". This is"
        + " probably a bug in Alchemy; run again with -e for the stack trace and report it.",
        error);
  }

  /**
   * The message of the failure {@link #translate} makes of {@code error}, for a run that fails in
   * watch mode: the goal logs it and keeps watching.
   */
  String message(Exception error) {
    try {
      return translate(error).getMessage();
    } catch (MojoFailureException failure) {
      return failure.getMessage();
    }
  }

  /** The failure for project folders that cannot be watched ({@code alchemy:dev}, watch mode). */
  MojoExecutionException unwatchable(IOException error) {
    return new MojoExecutionException("alchemy:" + settings.goal() + " cannot watch the project's"
        + " folders: " + error + ". Check that they exist and are readable, and the system's"
        + " limit of watched folders (on Linux, fs.inotify.max_user_watches).", error);
  }

  /**
   * The engine's message lists every difference, one per line, and says nothing was changed;
   * added: which plan file, and the Maven commands of the fix.
   */
  private String planMismatch(PlanMismatchException e) {
    String file = settings.approvedPlan() == null ? "<file>" : settings.approvedPlan().toString();
    String which = settings.approvedPlan() == null ? ""
        : " " + file + " (from " + settings.approvedPlanOrigin() + ")";
    return "alchemy:" + settings.goal() + " of " + settings.stageFqn() + " refused the approved"
        + " plan" + which + ". " + e.getMessage() + " With Maven: mvn alchemy:plan -D"
        + PropertyNames.PLAN_FILE + "=" + file + " makes a new plan; once it is reviewed, mvn"
        + " alchemy:up -D" + PropertyNames.PLAN + "=" + file + " applies it.";
  }

  private String invalidName(InvalidNameException e) {
    // Which name is wrong is found by asking the engine about each one alone, so this class never
    // copies the naming rules.
    if (!isValid(settings.app(), Alchemy.DEFAULT_STAGE)) {
      return e.getMessage() + " The app name '" + settings.app() + "' came from "
          + settings.appOrigin() + "; choose another with -D" + PropertyNames.APP
          + "=" + suggestion(settings.app(), "my-app") + " or <app> in the alchemy-maven-plugin"
          + " configuration. Nothing was run or written.";
    }
    if (!isValid("app", settings.stage())) {
      return e.getMessage() + " The stage '" + settings.stage() + "' came from "
          + settings.stageOrigin() + "; choose another with -D" + PropertyNames.STAGE
          + "=" + suggestion(settings.stage(), "prod") + " or <stage> in the alchemy-maven-plugin"
          + " configuration. Nothing was run or written.";
    }
    return e.getMessage();
  }

  /** A valid name close to {@code name} ({@code feature/login}: {@code feature-login}). */
  private static String suggestion(String name, String fallback) {
    String suggested = NameRules.suggestFolderName(name);
    return suggested == null ? fallback : suggested;
  }

  private static boolean isValid(String app, String stage) {
    try {
      Alchemy.builder().app(app).stage(stage).build();
      return true;
    } catch (InvalidNameException e) {
      return false;
    }
  }

  private String definition(DefinitionException e) {
    if (e.problem() == DefinitionException.Problem.NOT_FOUND && settings.definition() != null) {
      return e.getMessage() + " The name came from " + settings.definitionOrigin() + ".";
    }
    return e.getMessage();
  }

  /** Where this run's app password came from, so a wrong one can be found. */
  private String passwordNote() {
    return settings.passwordOrigin() == null
        ? " No app password was configured for this run: neither <password> (-D"
            + PropertyNames.PASSWORD + "), nor <passwordServerId> (-D"
            + PropertyNames.PASSWORD_SERVER_ID + "), nor the " + Alchemy.PASSWORD_ENV
            + " environment variable is set."
        : " The app password of this run came from " + settings.passwordOrigin() + ".";
  }

  private static final String NOTHING_RAN = " Nothing was run or written.";

  private static final String ENCRYPT = " Keep the secret in settings.xml, encrypted with mvn"
      + " --encrypt-password.";

  private String configuration(ConfigurationProblem.Problem problem) {
    if (problem instanceof Conflict c) {
      String both = c.firstOrigin().equals(c.secondOrigin())
          ? "Both " + c.first() + " and " + c.second() + " are set in " + c.firstOrigin()
          : "Both " + c.first() + " (from " + c.firstOrigin() + ") and " + c.second() + " (from "
              + c.secondOrigin() + ") are set";
      return both + ": use one or the other. Prefer " + c.preferred() + "." + ENCRYPT
          + NOTHING_RAN;
    }
    if (problem instanceof NoSuchServer n) {
      return "The " + n.referencedBy() + " names the server '" + n.serverId() + "', but"
          + " settings.xml has no <server> with that id (settings read: " + n.settingsFiles()
          + "). Add <server><id>" + n.serverId() + "</id>" + n.expected() + "</server> to the"
          + " <servers> of your settings.xml (~/.m2/settings.xml, or the file given with mvn -s),"
          + " the secret encrypted with mvn --encrypt-password." + NOTHING_RAN;
    }
    if (problem instanceof UndecryptableServer u) {
      return "The <server> '" + u.serverId() + "' of settings.xml (named by " + u.referencedBy()
          + ") cannot be decrypted: " + u.problems() + ". Make sure the master password in"
          + " ~/.m2/settings-security.xml (or the file given with -Dsettings.security) is the one"
          + " its password was encrypted with (mvn --encrypt-master-password, then mvn"
          + " --encrypt-password)." + NOTHING_RAN;
    }
    if (problem instanceof IncompleteServer i) {
      return "The <server> '" + i.serverId() + "' of settings.xml (named by " + i.referencedBy()
          + ") has no " + i.missing() + ": " + i.expected() + "." + NOTHING_RAN;
    }
    if (problem instanceof Incomplete i) {
      return i.block() + " in " + i.where() + " sets " + i.present() + " but not " + i.missing()
          + ": " + i.alternatives() + ". (A value given as ${env.NAME} is empty when that"
          + " environment variable is not set.)" + NOTHING_RAN;
    }
    if (problem instanceof Unresolved u) {
      return u.element() + " in " + u.where() + " contains " + u.expression() + ", which Maven"
          + " could not resolve: set the environment variable or property it names." + NOTHING_RAN;
    }
    if (problem instanceof UnknownChoice u) {
      return u.what() + " '" + u.value() + "' (from " + u.origin() + ") is not one of "
          + String.join(", ", u.choices()) + ". Choose one with " + u.fix() + "." + NOTHING_RAN;
    }
    if (problem instanceof NotInstalled n) {
      return n.what() + " is not installed: its module " + n.artifactId() + " is not among the"
          + " alchemy-maven-plugin's dependencies. Add it to the plugin in your POM:"
          + " <plugin>...<dependencies><dependency><groupId>io.alchemy</groupId><artifactId>"
          + n.artifactId() + "</artifactId><version>" + n.version() + "</version></dependency>"
          + "</dependencies></plugin> (remote backends are loaded only where they are used, so"
          + " a filesystem stage loads none of their libraries)." + NOTHING_RAN;
    }
    if (problem instanceof Missing m) {
      return m.what() + " needs " + m.element() + ", which is not set. " + m.fix() + NOTHING_RAN;
    }
    if (problem instanceof Invalid i) {
      return i.reason() + " (" + i.element() + " came from " + i.origin() + ".)" + NOTHING_RAN;
    }
    return problem.toString();
  }
}
