package io.alchemy.maven;

import io.alchemy.core.Alchemy;
import io.alchemy.core.InfrastructureDefinition;
import io.alchemy.core.Phase;
import io.alchemy.core.RunResult;
import io.alchemy.core.plan.Plan;
import io.alchemy.core.plan.PlanFile;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.inject.Inject;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/**
 * Shows what {@code alchemy:up} would do to the stage, and changes nothing: the definition runs
 * in the plan phase ({@code scope.phase()} is {@code PLAN}), no provider call changes anything,
 * no state is written, no local server is started, and the stage lock is held only while the
 * state is read (waiting up to {@code lockTimeout}). It prints one line per change: {@code +
 * create}, {@code ~ update} with each changed prop as {@code path: old -> new}, {@code -/+
 * replace} with the props that force it, {@code - delete} with why, {@code = adopt} and {@code ~
 * finish} for what a stopped run left; then {@code Plan for app/stage: 3 to create, 1 to update,
 * ...}. These lines are what the goal is for, so {@code quiet} does not drop them. A changed
 * secret shows as {@code (secret changed)}, a value only {@code up} can know as {@code (known
 * after up)}.
 *
 * <p>With {@code -Dalchemy.planFile=target/alchemy/plan.json} it also writes the plan as JSON, for
 * review; {@code alchemy:up -Dalchemy.plan=target/alchemy/plan.json} then applies exactly that
 * plan. With {@code -Dalchemy.failOnChanges} the build fails when anything would change. The
 * project is compiled first, as for {@code alchemy:up}.
 */
@Mojo(name = "plan", threadSafe = true,
    configurator = MaskingConfigurator.ID, requiresDependencyResolution = ResolutionScope.RUNTIME)
public class PlanMojo extends PhaseMojo {

  private static final String PLAN_FILE_EXAMPLE = "target/alchemy/plan.json";

  /**
   * A file to write the plan to as JSON (format version, app, stage, state fingerprint, summary,
   * counts, and each change with its changed props, secrets masked), for review and for {@code
   * alchemy:up -Dalchemy.plan}. Written anew, whole, also when {@code failOnChanges} then fails
   * the build; parent folders are created. Default: none, the plan is only printed.
   */
  @Parameter(property = PropertyNames.PLAN_FILE)
  private File planFile;

  /**
   * Fail the build when {@code up} would change anything, after the plan is printed and written:
   * for a CI job that checks that a stage is what its definition declares.
   */
  @Parameter(property = PropertyNames.FAIL_ON_CHANGES, defaultValue = "false")
  private boolean failOnChanges;

  /**
   * Resources to plan a replacement for although their props did not change, by FQN ({@code
   * app/stage/scopes/id}), as {@code alchemy:up -Dalchemy.replace} would replace them: the plan
   * shows them as {@code -/+ replace ...: replacement requested}. Several are separated by commas
   * ({@code -Dalchemy.replace=my-app/prod/db,my-app/prod/cache}) or listed as {@code
   * <replace><fqn>my-app/prod/db</fqn></replace>}. A blank entry, or a name that is not an FQN of
   * the stage, fails before anything runs; an FQN the definition does not declare fails the plan.
   * An approved plan file asks for its replacements again when {@code up} applies it.
   */
  @Parameter(property = PropertyNames.REPLACE)
  private List<String> replace;

  /**
   * Read every deployed resource live first, to find drift: what someone changed or deleted
   * outside Alchemy. {@code alchemy:plan} shows it before the plan ({@code ! drifted} with the
   * props that differ, live {@code ->} recorded; {@code ! deleted ...: deleted outside Alchemy})
   * and plans its repair; {@code alchemy:up} repairs it: it updates from the live props to the
   * declared ones, creates again what is gone, and records the live outputs. It costs one read
   * per resource, made as many at once as {@code parallelism} allows. Without it an unchanged
   * resource is taken to be as recorded, which is fast and right as long as only Alchemy changes
   * the stage.
   */
  @Parameter(property = PropertyNames.REFRESH, defaultValue = "false")
  private boolean refresh;

  /** The goal, with Maven's decrypter of settings.xml passwords and the project's classes. */
  @Inject
  public PlanMojo(SettingsDecrypter decrypter, ProjectClasses classes) {
    super(decrypter, classes);
  }

  @Override
  protected String goal() {
    return "plan";
  }

  @Override
  protected Phase phase() {
    return Phase.PLAN;
  }

  /** Checks the plan file can be written, and the replacements, before anything is opened. */
  @Override
  GoalSettings prepare(Alchemy.Builder builder, GoalSettings settings, GoalParameters parameters)
      throws MojoFailureException, ConfigurationProblem {
    parameters.rejectBlankFile("plan file", PropertyNames.PLAN_FILE, planFile, PLAN_FILE_EXAMPLE,
        "no plan would be written for review", "to only print the plan");
    if (planFile != null) {
      checkPlanFile(parameters.resolve(planFile), parameters);
    }
    String approved = parameters.commandLine(PropertyNames.PLAN);
    if (approved != null) {
      // A mix-up worth a word: the plan goal writes plans, up reads them.
      getLog().warn("-D" + PropertyNames.PLAN + " names the approved plan alchemy:up applies;"
          + " alchemy:plan does not read it. To write this plan to a file, use -D"
          + PropertyNames.PLAN_FILE + "=" + approved + ".");
    }
    builder.replace(parameters.replacements(replace, settings)).refresh(refresh);
    return settings;
  }

  /** Fails when the plan file is a folder, or lies below a file, so it could not be written. */
  private void checkPlanFile(Path file, GoalParameters parameters) throws ConfigurationProblem {
    String problem = null;
    if (Files.isDirectory(file)) {
      problem = "it is a folder";
    } else {
      for (Path parent = file.getParent(); parent != null; parent = parent.getParent()) {
        if (Files.exists(parent)) {
          if (!Files.isDirectory(parent)) {
            problem = parent + " is a file, not a folder";
          }
          break;
        }
      }
    }
    if (problem != null) {
      throw new ConfigurationProblem(new ConfigurationProblem.Invalid("<planFile>",
          parameters.fileOrigin(PropertyNames.PLAN_FILE, "planFile", planFile), "The plan file "
          + file
          + " cannot be written: " + problem + ". Set planFile to a file in a folder, e.g. -D"
          + PropertyNames.PLAN_FILE + "=" + PLAN_FILE_EXAMPLE + " or <planFile> in the"
          + " alchemy-maven-plugin configuration."));
    }
  }

  /**
   * Plans, prints the plan's lines, writes the plan file, and fails the build when {@code
   * failOnChanges} is set and anything would change.
   *
   * @return {@code null}: a plan deploys nothing
   */
  @Override
  RunResult runOnce(Alchemy alchemy, InfrastructureDefinition definition, GoalSettings settings,
      GoalParameters parameters) throws MojoFailureException {
    long started = System.nanoTime();
    Plan plan = alchemy.plan(definition);
    long millis = (System.nanoTime() - started) / 1_000_000;
    plan.lines().forEach(getLog()::info);
    String written = "";
    if (planFile != null) {
      Path file = parameters.resolve(planFile);
      PlanFile.write(plan, file);
      written = "; plan written to " + file;
    }
    getLog().info("alchemy:" + goal() + " " + settings.stageFqn() + ": planned in " + millis
        + " ms, nothing was changed" + written);
    if (failOnChanges && plan.hasChanges()) {
      throw new MojoFailureException("alchemy:plan of " + settings.stageFqn() + " found changes,"
          + " and failOnChanges is set (by " + parameters.origin(PropertyNames.FAIL_ON_CHANGES,
          "failOnChanges", "true") + "): " + plan.summary() + ". The stage is not what its"
          + " definition declares. Review the plan above, then deploy it with mvn alchemy:up"
          + (planFile == null ? "" : " -D" + PropertyNames.PLAN + "="
              + parameters.resolve(planFile))
          + ", or change the definition back. Nothing was changed.");
    }
    return null;
  }
}
