package io.alchemy.maven;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Checks the plugin descriptor that maven-plugin-plugin generated from the annotations: what Maven
 * actually reads, so a wrong attribute or a property name that drifted from {@link PropertyNames}
 * fails here instead of in a user's build.
 */
class PluginDescriptorTest {

  private static Map<String, Element> mojos;

  @BeforeAll
  static void readDescriptor() throws Exception {
    try (InputStream in = PluginDescriptorTest.class.getResourceAsStream(
        "/META-INF/maven/plugin.xml")) {
      assertThat(in).as("plugin.xml generated before tests").isNotNull();
      Document document = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(in);
      assertThat(text(document.getDocumentElement(), "goalPrefix")).isEqualTo("alchemy");
      mojos = new LinkedHashMap<>();
      NodeList list = document.getElementsByTagName("mojo");
      for (int i = 0; i < list.getLength(); i++) {
        Element mojo = (Element) list.item(i);
        mojos.put(text(mojo, "goal"), mojo);
      }
    }
  }

  private static final List<String> DEFINITION_GOALS = List.of("up", "plan", "drift", "destroy", "read");
  private static final List<String> STATE_GOALS = List.of("unlock", "migrate-state");

  @Test
  void goals() {
    assertThat(mojos).containsOnlyKeys("up", "plan", "drift", "destroy", "read", "dev", "unlock",
        "migrate-state", "help");
    assertThat(text(mojos.get("up"), "phase")).isEqualTo("deploy");
  }

  @Test
  void stateGoalsNeitherCompileNorResolveTheProject() {
    for (String goal : STATE_GOALS) {
      Element mojo = mojos.get(goal);
      assertThat(text(mojo, "threadSafe")).as(goal).isEqualTo("true");
      assertThat(text(mojo, "executePhase")).as(goal).isNull();
      assertThat(text(mojo, "phase")).as(goal).isNull();
      assertThat(text(mojo, "requiresDependencyResolution")).as(goal).isNull();
    }
  }

  @Test
  void everyAlchemyGoalIsThreadSafeResolvesRuntimeAndForksNoLifecycle() {
    for (String goal : List.of("up", "plan", "drift", "destroy", "read", "dev")) {
      Element mojo = mojos.get(goal);
      assertThat(text(mojo, "threadSafe")).as(goal).isEqualTo("true");
      assertThat(text(mojo, "requiresDependencyResolution")).as(goal).isEqualTo("runtime");
      // The project is built in the goal, only when its classes are out of date (ProjectClasses).
      assertThat(text(mojo, "executePhase")).as(goal).isNull();
    }
  }

  @Test
  void everyParameterHasTheUserPropertyFromPropertyNames() throws Exception {
    List<String> common = List.of(PropertyNames.APP, PropertyNames.STAGE, PropertyNames.BACKEND,
        PropertyNames.STATE_DIR, PropertyNames.LOCK_TIMEOUT, PropertyNames.SKIP);
    Map<String, List<String>> expected = new LinkedHashMap<>();
    for (String goal : DEFINITION_GOALS) {
      expected.put(goal, concat(common, PropertyNames.DEFINITION, PropertyNames.LOCAL,
          PropertyNames.WATCH, PropertyNames.QUIET, PropertyNames.ADOPT, PropertyNames.FORCE,
          PropertyNames.PARALLELISM, PropertyNames.PASSWORD, PropertyNames.PASSWORD_SERVER_ID,
          PropertyNames.EVENTS_FILE));
    }
    // Only up watches (destroy and read refuse alchemy.watch), so only up paces it.
    expected.get("up").addAll(List.of(PropertyNames.WATCH_DEBOUNCE,
        PropertyNames.WATCH_MAX_RUNS));
    // up applies an approved plan, plan writes one; both replace on request.
    expected.get("up").addAll(List.of(PropertyNames.PLAN, PropertyNames.REPLACE));
    expected.get("plan").addAll(List.of(PropertyNames.PLAN_FILE, PropertyNames.FAIL_ON_CHANGES,
        PropertyNames.REPLACE));
    // up repairs drift with refresh, plan shows it; drift always reads.
    expected.get("up").add(PropertyNames.REFRESH);
    expected.get("plan").add(PropertyNames.REFRESH);
    // dev is always local and watching, and has no events file, adopt or force.
    expected.put("dev", concat(common, PropertyNames.DEFINITION, PropertyNames.QUIET,
        PropertyNames.PARALLELISM, PropertyNames.PASSWORD, PropertyNames.PASSWORD_SERVER_ID, PropertyNames.WATCH_DEBOUNCE,
        PropertyNames.WATCH_MAX_RUNS));
    expected.put("unlock", concat(common, PropertyNames.LOCK_ID));
    expected.put("migrate-state", concat(common, PropertyNames.MIGRATE_FROM,
        PropertyNames.MIGRATE_FROM_STATE_DIR, PropertyNames.OVERWRITE));
    List<String> used = new ArrayList<>();
    expected.forEach((goal, properties) -> {
      assertThat(userProperties(goal)).as(goal).containsExactlyInAnyOrderElementsOf(properties);
      used.addAll(properties);
    });
    // Every other constant is a property of a <postgres> or <s3> element, read by the plugin.
    for (Field field : PropertyNames.class.getDeclaredFields()) {
      if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
        String property = (String) field.get(null);
        assertThat(used.contains(property) || property.startsWith("alchemy.postgres.")
            || property.startsWith("alchemy.s3.")).as(property).isTrue();
      }
    }
  }

  private static List<String> concat(List<String> common, String... more) {
    List<String> all = new ArrayList<>(common);
    all.addAll(List.of(more));
    return all;
  }

  private static List<String> userProperties(String goal) {
    Element configuration = (Element) mojos.get(goal).getElementsByTagName("configuration")
        .item(0);
    List<String> properties = new ArrayList<>();
    NodeList entries = configuration.getChildNodes();
    for (int i = 0; i < entries.getLength(); i++) {
      String text = entries.item(i).getTextContent();
      if (entries.item(i) instanceof Element && text.startsWith("${alchemy.")) {
        properties.add(text.substring(2, text.length() - 1));
      }
    }
    return properties;
  }

  @Test
  void defaults() {
    Element configuration = (Element) mojos.get("up").getElementsByTagName("configuration")
        .item(0);
    assertThat(defaultOf(configuration, "app")).isEqualTo("${project.artifactId}");
    assertThat(defaultOf(configuration, "stateDir"))
        .isEqualTo("${project.build.directory}/alchemy/state");
    assertThat(defaultOf(configuration, "lockTimeout")).isEqualTo("PT0S");
    assertThat(defaultOf(configuration, "backend")).isEqualTo("filesystem");
    for (String goal : List.of("up", "plan", "drift", "destroy", "read", "dev")) {
      Element goalConfiguration = (Element) mojos.get(goal)
          .getElementsByTagName("configuration").item(0);
      assertThat(defaultOf(goalConfiguration, "parallelism")).as(goal).isEqualTo("10");
    }
    // The stage default (ALCHEMY_STAGE, else dev) is computed, so Maven must not set one.
    assertThat(defaultOf(configuration, "stage")).isEmpty();
    for (String flag : List.of("local", "watch", "quiet", "adopt", "force", "skip")) {
      assertThat(defaultOf(configuration, flag)).as(flag).isEqualTo("false");
    }
  }

  @Test
  void planParameters() {
    Element plan = mojos.get("plan");
    assertThat(text(plan, "phase")).isNull();
    assertThat(parameterType(plan, "planFile")).isEqualTo("java.io.File");
    assertThat(parameterType(plan, "failOnChanges")).isEqualTo("boolean");
    assertThat(parameterType(plan, "replace")).isEqualTo("java.util.List");
    Element configuration = (Element) plan.getElementsByTagName("configuration").item(0);
    assertThat(defaultOf(configuration, "failOnChanges")).isEqualTo("false");
    assertThat(defaultOf(configuration, "planFile")).isEmpty();
    Element up = mojos.get("up");
    assertThat(parameterType(up, "plan")).isEqualTo("java.io.File");
    assertThat(parameterType(up, "replace")).isEqualTo("java.util.List");
    assertThat(defaultOf((Element) up.getElementsByTagName("configuration").item(0), "plan"))
        .isEmpty();
  }

  @Test
  void secretsAreConfiguredByTheMaskingConfigurator() {
    for (String goal : STATE_GOALS) {
      Element mojo = mojos.get(goal);
      assertThat(text(mojo, "configurator")).as(goal).isEqualTo(MaskingConfigurator.ID);
      assertThat(parameterType(mojo, "postgres"))
          .isEqualTo(PostgresStateConfiguration.class.getName());
      assertThat(parameterType(mojo, "s3")).isEqualTo(S3StateConfiguration.class.getName());
    }
    for (String goal : DEFINITION_GOALS) {
      Element mojo = mojos.get(goal);
      assertThat(text(mojo, "configurator")).as(goal).isEqualTo(MaskingConfigurator.ID);
      assertThat(parameterType(mojo, "postgres"))
          .isEqualTo(PostgresStateConfiguration.class.getName());
      assertThat(parameterType(mojo, "s3")).isEqualTo(S3StateConfiguration.class.getName());
      assertThat(parameterType(mojo, "password")).isEqualTo(SecretParameter.class.getName());
      assertThat(parameterType(mojo, "passwordServerId")).isEqualTo("java.lang.String");
      assertThat(parameterType(mojo, "credentials"))
          .isEqualTo(CredentialsConfiguration.class.getName());
      assertThat(parameterType(mojo, "eventsFile")).isEqualTo("java.io.File");
    }
    Element configuration = (Element) mojos.get("up").getElementsByTagName("configuration")
        .item(0);
    for (String none : List.of("password", "passwordServerId", "eventsFile")) {
      assertThat(defaultOf(configuration, none)).as(none).isEmpty();
    }
  }

  private static String parameterType(Element mojo, String name) {
    NodeList parameters = mojo.getElementsByTagName("parameter");
    for (int i = 0; i < parameters.getLength(); i++) {
      Element parameter = (Element) parameters.item(i);
      if (name.equals(text(parameter, "name"))) {
        return text(parameter, "type");
      }
    }
    throw new AssertionError("no parameter " + name);
  }

  private static String defaultOf(Element configuration, String parameter) {
    Element entry = (Element) configuration.getElementsByTagName(parameter).item(0);
    return entry.getAttribute("default-value");
  }

  private static String text(Element parent, String child) {
    NodeList nodes = parent.getChildNodes();
    for (int i = 0; i < nodes.getLength(); i++) {
      if (nodes.item(i) instanceof Element e && e.getTagName().equals(child)) {
        return e.getTextContent();
      }
    }
    return null;
  }
}
