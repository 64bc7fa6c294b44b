package io.alchemy.core.secret;

import com.fasterxml.jackson.databind.JsonNode;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.WildcardType;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Whether a props or output type can hold a {@link Secret}, read from its declaration (record
 * components, collections, maps, arrays and optionals of them), so that a run without a password
 * refuses a resource whose output will be a secret before the provider makes it.
 */
public final class SecretTypes {

  private static final Map<Type, Boolean> KNOWN = new ConcurrentHashMap<>();

  private SecretTypes() {}

  /**
   * Whether a value of {@code type} may contain a {@link Secret}. A type whose content cannot be
   * known from its declaration (Object, a JSON tree) counts as one that may.
   */
  public static boolean mayHold(Type type) {
    Boolean known = KNOWN.get(type);
    if (known == null) {
      known = mayHold(type, new HashSet<>());
      KNOWN.put(type, known);
    }
    return known;
  }

  private static boolean mayHold(Type type, Set<Type> seen) {
    if (!seen.add(type)) {
      return false;
    }
    if (type instanceof ParameterizedType parameterized) {
      for (Type argument : parameterized.getActualTypeArguments()) {
        if (mayHold(argument, seen)) {
          return true;
        }
      }
      return mayHold(parameterized.getRawType(), seen);
    }
    if (type instanceof GenericArrayType array) {
      return mayHold(array.getGenericComponentType(), seen);
    }
    if (type instanceof WildcardType wildcard) {
      for (Type bound : wildcard.getUpperBounds()) {
        if (mayHold(bound, seen)) {
          return true;
        }
      }
      return false;
    }
    if (!(type instanceof Class<?> cls)) {
      // a type variable: whatever it stands for
      return true;
    }
    if (Secret.class.isAssignableFrom(cls) || cls == Object.class
        || JsonNode.class.isAssignableFrom(cls)) {
      return true;
    }
    if (cls.isArray()) {
      return mayHold(cls.getComponentType(), seen);
    }
    if (cls.isRecord()) {
      for (RecordComponent component : cls.getRecordComponents()) {
        if (mayHold(component.getGenericType(), seen)) {
          return true;
        }
      }
    }
    // Other classes (String, numbers, enums, collections' raw types, plain beans) hold what
    // their declared parts hold; beans are not walked, since Jackson reads them by accessors.
    return false;
  }
}
