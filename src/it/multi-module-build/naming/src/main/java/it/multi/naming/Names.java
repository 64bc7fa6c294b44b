package it.multi.naming;

/** Shared naming rules of the team, in their own module. */
public final class Names {

  private Names() {}

  /** e.g. {@code shop-dev-orders}. */
  public static String of(String app, String stage, String name) {
    return app + "-" + stage + "-" + name;
  }
}
