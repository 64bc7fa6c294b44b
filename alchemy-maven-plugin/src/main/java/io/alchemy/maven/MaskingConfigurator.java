package io.alchemy.maven;

import javax.inject.Named;
import javax.inject.Singleton;
import org.codehaus.plexus.component.configurator.BasicComponentConfigurator;
import org.codehaus.plexus.component.configurator.ComponentConfigurationException;
import org.codehaus.plexus.component.configurator.converters.basic.AbstractBasicConverter;

/**
 * Maven's basic configurator, plus a converter that turns configuration text into a {@link
 * SecretParameter} directly. Without it, Maven would set a {@code SecretParameter} through its
 * {@code set(String)} method and tell its configuration listener the plain value, which {@code -X}
 * prints. With it, the listener only ever sees the masked parameter: {@code (f) password = ****}.
 *
 * <p>The goals select it with {@code @Mojo(configurator = "alchemy")}; it is found through the Sisu
 * index {@code META-INF/sisu/javax.inject.Named}.
 */
@Named(MaskingConfigurator.ID)
@Singleton
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
