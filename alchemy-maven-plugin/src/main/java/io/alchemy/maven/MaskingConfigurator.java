package io.alchemy.maven;

import org.codehaus.plexus.component.configurator.BasicComponentConfigurator;
import org.codehaus.plexus.component.configurator.ComponentConfigurationException;
import org.codehaus.plexus.component.configurator.converters.basic.AbstractBasicConverter;

/**
 * Maven's basic configurator, plus a converter that turns configuration text into a {@link
 * SecretParameter} directly. Without it, Maven would set a {@code SecretParameter} through its
 * {@code set(String)} method and tell its configuration listener the plain value, which {@code -X}
 * prints. With it, the listener only ever sees the masked parameter: {@code (f) password = ****}.
 *
 * <p>The goals select it with {@code @Mojo(configurator = "alchemy")}. Maven finds it through the
 * Plexus descriptor {@code META-INF/plexus/components.xml} (role {@code ComponentConfigurator}, hint
 * {@value #ID}), not a Sisu index: before 3.9, Maven's Sisu skips indexed classes compiled for
 * Java 15 or newer, so an index entry would leave Maven 3.8 without it.
 */
public class MaskingConfigurator extends BasicComponentConfigurator {

  /** The configurator's id, as the goals name it. */
  public static final String ID = "alchemy";

  /** Registers the converter. */
  public MaskingConfigurator() {
    converterLookup.registerConverter(new SecretParameterConverter());
  }

  /** Configuration text, after Maven evaluated its expressions, to a {@link SecretParameter}. */
  static final class SecretParameterConverter extends AbstractBasicConverter {

    @Override
    public boolean canConvert(Class<?> type) {
      return SecretParameter.class.equals(type);
    }

    @Override
    protected Object fromString(String value) throws ComponentConfigurationException {
      return new SecretParameter(value);
    }
  }
}
