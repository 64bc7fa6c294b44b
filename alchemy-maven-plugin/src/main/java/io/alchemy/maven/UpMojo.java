package io.alchemy.maven;

import io.alchemy.core.Alchemy;
import io.alchemy.core.AlchemyException;
import io.alchemy.core.InfrastructureDefinition;
import io.alchemy.core.Phase;
import io.alchemy.core.RunResult;
import io.alchemy.core.plan.Plan;
import io.alchemy.core.plan.PlanFile;
import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import javax.inject.Inject;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/**
 * Deploys the stage: creates, updates or replaces every resource the definition declares, then
 * deletes the resources it no longer declares. A definition that fails deletes nothing.
 *
 * <p>Bound to {@code deploy} when listed in the POM without a phase. Run directly ({@code mvn
 * alchemy:up}) on a fresh checkout, or after a source, resource or the POM changed, it first runs
 * the project's build up to {@code process-classes}, so no separate compile step is needed; when
 * the classes are up to date it runs no build at all.
 *
 * <p>With {@code -Dalchemy.watch} it deploys, then keeps watching the project's sources,
 * resources and classes and redeploys after every change under one stage lock until Ctrl-C or
 * SIGTERM, as {@code alchemy:dev} does locally.
 *
 * <p>With {@code -Dalchemy.plan=target/alchemy/plan.json} it applies only that approved plan,
 * written by {@code alchemy:plan -Dalchemy.planFile}: if the stage's state changed since the
 * plan was made, or the definition now plans anything else, it fails listing every difference and
 * changes nothing. Updates and replacements are logged with each changed prop.
 */
@Mojo(name = "up", defaultPhase = LifecyclePhase.DEPLOY, threadSafe = true,
    configurator = MaskingConfigurator.ID,
    requiresDependencyResolution = ResolutionScope.RUNTIME)
public class UpMojo extends PhaseMojo {

  private static final String PLAN_EXAMPLE = "target/alchemy/plan.json";


  /** With {@code watch}: how long no further change must come before a redeploy, in ms. */
  @Parameter(property = PropertyNames.WATCH_DEBOUNCE, defaultValue = "200")
  private long debounceMillis;

  /**
   * With {@code watch}: end after this many runs, the first deploy included (for tests); 0
   * watches until stopped.
   */
  @Parameter(property = PropertyNames.WATCH_MAX_RUNS, defaultValue = "0")
  private int maxRuns;

  /**
   * An approved plan, as {@code alchemy:plan -Dalchemy.planFile} wrote it: {@code up} then
   * applies exactly that plan. Under the stage lock, before its first change, it checks that the
   * stage's state is the one the plan was made on and that the definition plans the very same
   * changes now; otherwise the build fails listing every difference, and nothing is changed. Each
   * provider call is checked against the plan too. The replacements and forced updates the plan
   * was made with ({@code alchemy.replace}, {@code alchemy.force}) are asked for again; give
   * {@code up} the other options the plan was made with ({@code local}, the profile).
   * Default: none, deploy whatever the definition asks for.
   */
  @Parameter(property = PropertyNames.PLAN)
  private File plan;

  /**
   * Resources to replace although their props did not change, by FQN ({@code app/stage/scopes/id}),
   * as Terraform's {@code -replace}: a new instance is made and the old one deleted (first, when
   * both would have the same name). Several are separated by commas ({@code
   * -Dalchemy.replace=my-app/prod/db,my-app/prod/cache}) or listed as {@code
   * <replace><fqn>my-app/prod/db</fqn></replace>}. A blank entry, or a name that is not an FQN of
   * the stage, fails before anything runs; an FQN the definition does not declare fails the run
   * before anything is deleted. Not with {@code watch}, which would replace on every redeploy.
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

  /** The approved plan read from {@link #plan}, or {@code null}. */
  private Plan approved;

  /** The goal, with Maven's decrypter of settings.xml passwords and the project's classes. */
  @Inject
  public UpMojo(SettingsDecrypter decrypter, ProjectClasses classes) {
    super(decrypter, classes);
  }

  @Override
  protected String goal() {
    return "up";
  }

  @Override
  protected Phase phase() {
    return Phase.UP;
  }

  /**
   * Reads the approved plan, if any, and checks it is one for this stage, and checks the
   * replacements; both before anything is opened.
   */
  @Override
  GoalSettings prepare(Alchemy.Builder builder, GoalSettings settings, GoalParameters parameters)
      throws MojoFailureException, ConfigurationProblem {
    parameters.rejectBlankFile("approved plan", PropertyNames.PLAN, plan, PLAN_EXAMPLE,
        "alchemy:up would then deploy whatever the definition asks for, unreviewed",
        "to deploy without a plan");
    Set<String> fqns = parameters.replacements(replace, settings);
    builder.refresh(refresh);
    if (watch() && (plan != null || !fqns.isEmpty())) {
      String what = plan != null ? PropertyNames.PLAN + " (an approved plan is applied once)"
          : PropertyNames.REPLACE + " (it would replace on every redeploy)";
      throw new MojoFailureException("alchemy:up -D" + PropertyNames.WATCH + " redeploys after"
          + " every change, so it takes no " + what + ". Run alchemy:up with "
          + (plan != null ? "the plan" : "the replacements") + " once, without "
          + PropertyNames.WATCH + " (set by "
          + parameters.origin(PropertyNames.WATCH, "watch", "true")
          + "), then watch. Nothing was run or written.");
    }
    if (plan == null) {
      // A mix-up worth a word when typed (not when a POM sets where plans go for every run).
      String planFile = parameters.commandLine(PropertyNames.PLAN_FILE);
      if (planFile != null) {
        getLog().warn("-D" + PropertyNames.PLAN_FILE + " is where alchemy:plan writes its plan;"
            + " alchemy:up does not read it, and deploys what the definition asks for. To apply"
            + " an approved plan, use -D" + PropertyNames.PLAN + "=" + planFile + ".");
      }
      builder.replace(fqns);
      return settings;
    }
    Path file = parameters.resolve(plan);
    String origin = parameters.fileOrigin(PropertyNames.PLAN, "plan", plan);
    try {
      approved = PlanFile.read(file);
    } catch (AlchemyException e) {
      throw new ConfigurationProblem(new ConfigurationProblem.Invalid("<plan>", origin,
          e.getMessage()));
    }
    if (!approved.app().equals(settings.app()) || !approved.stage().equals(settings.stage())) {
      throw new ConfigurationProblem(new ConfigurationProblem.Invalid("<plan>", origin,
          "The plan file " + file + " is a plan for " + approved.app() + "/" + approved.stage()
          + ", but this run deploys " + settings.stageFqn() + " (the app came from "
          + settings.appOrigin() + ", the stage from " + settings.stageOrigin() + "). Apply it"
          + " to the stage it was made for, or make a plan for " + settings.stageFqn()
          + " with mvn alchemy:plan -D" + PropertyNames.PLAN_FILE + "=" + PLAN_EXAMPLE + "."));
    }
    // The plan remembers the replacements it was made with; the core asks for them again, and
    // any given here on top show as differences from the plan.
    builder.replace(fqns);
    return settings.withApprovedPlan(file, origin);
  }

  /** Applies the approved plan, if there is one; else deploys. */
  @Override
  RunResult runOnce(Alchemy alchemy, InfrastructureDefinition definition, GoalSettings settings,
      GoalParameters parameters) {
    if (approved == null) {
      return alchemy.run(definition);
    }
    getLog().info("alchemy:up applies only the approved plan " + settings.approvedPlan() + " ("
        + approved.summary() + ")");
    return alchemy.apply(definition, approved);
  }

  @Override
  WatchSettings watchSettings(GoalParameters parameters) throws MojoFailureException {
    return parameters.watchSettings(debounceMillis, maxRuns);
  }
}
