package it.fresh;

import java.util.Locale;

/** A second class of the project, to show the whole project is compiled. */
public final class Pages {

  private Pages() {}

  static String shout(String text) {
    return text.toUpperCase(Locale.ROOT) + "!";
  }
}
