package it.up;

/** Deleted by verify.groovy during the session: its classes must leave target/classes. */
public final class Extra {

  static final class Inner {}

  private Extra() {}
}
