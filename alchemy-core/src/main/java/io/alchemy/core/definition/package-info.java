/**
 * Finds and instantiates a project's {@link io.alchemy.core.InfrastructureDefinition} from its
 * classpath, with no build tool involved: the Maven plugin gives {@link
 * io.alchemy.core.definition.DefinitionLoader} the project's runtime classpath, a test or a
 * {@code main()} can give it any list of folders and jars.
 */
package io.alchemy.core.definition;
