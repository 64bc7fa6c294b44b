package io.alchemy.maven;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Properties;
import org.junit.jupiter.api.Test;

/** {@code alchemy.*} properties no goal reads are found and matched to the one meant. */
class UnknownPropertiesTest {

  private static Properties properties(String... nameAndValue) {
    Properties properties = new Properties();
    for (int i = 0; i < nameAndValue.length; i += 2) {
      properties.setProperty(nameAndValue[i], nameAndValue[i + 1]);
    }
    return properties;
  }

  @Test
  void everyPropertyOfPropertyNamesIsKnown() {
    assertThat(UnknownProperties.known()).contains(PropertyNames.STAGE, PropertyNames.APP,
        PropertyNames.WATCH_MAX_RUNS, PropertyNames.WATCH_DEBOUNCE,
        PropertyNames.POSTGRES_JDBC_URL, PropertyNames.S3_BUCKET, PropertyNames.MIGRATE_FROM);
    assertThat(UnknownProperties.warnings(properties("alchemy.stage", "prod",
        "alchemy.s3.bucket", "b", "alchemy.watch.maxRuns", "1"), properties())).isEmpty();
  }

  @Test
  void otherPropertiesAreNotOurs() {
    assertThat(UnknownProperties.warnings(properties("maven.test.skip", "true",
        "alchemyx", "1", "project.build.sourceEncoding", "UTF-8"), properties())).isEmpty();
  }

  @Test
  void aTypoNamesWhereItWasSetAndTheNearestProperty() {
    assertThat(UnknownProperties.warnings(properties("alchemy.stag", "prod"),
        properties("alchemy.lockTimout", "PT1M")))
        .containsExactly("alchemy.stag (from -Dalchemy.stag on the command line) is not a"
            + " property of any alchemy goal, so it changes nothing. Did you mean alchemy.stage?",
            "alchemy.lockTimout (from the <alchemy.lockTimout> property of the POM or an active"
            + " profile) is not a property of any alchemy goal, so it changes nothing. Did you"
            + " mean alchemy.lockTimeout?");
  }

  @Test
  void aPropertyGivenTwiceIsReportedOnceWithTheCommandLineAsItsOrigin() {
    assertThat(UnknownProperties.warnings(properties("alchemy.stag", "prod"),
        properties("alchemy.stag", "dev")))
        .singleElement().asString().startsWith("alchemy.stag (from -Dalchemy.stag on");
  }

  @Test
  void aShortenedOrLengthenedNameFindsTheFullOne() {
    assertThat(UnknownProperties.nearest("alchemy.watch.debounce"))
        .contains("alchemy.watch.debounceMillis");
    assertThat(UnknownProperties.nearest("alchemy.stage.name")).contains("alchemy.stage");
    assertThat(UnknownProperties.nearest("alchemy.completelyUnrelated")).isEmpty();
  }

  @Test
  void aPomsOwnPropertiesAreNotTypos() {
    assertThat(UnknownProperties.warnings(properties(), properties("alchemy.version",
        "0.1.0-SNAPSHOT", "alchemy.team", "web", "alchemy.completelyUnrelated", "x"))).isEmpty();
    // The same on the command line is worth a word: nothing reads it.
    assertThat(UnknownProperties.warnings(properties("alchemy.completelyUnrelated", "x"),
        properties())).hasSize(1);
  }
}
