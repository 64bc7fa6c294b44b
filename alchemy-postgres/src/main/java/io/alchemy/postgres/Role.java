package io.alchemy.postgres;

import io.alchemy.core.Scope;
import io.alchemy.core.provider.Live;
import io.alchemy.core.provider.ResourceContext;
import io.alchemy.core.provider.ResourceExistsException;
import io.alchemy.core.secret.Secret;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A PostgreSQL role ({@code CREATE ROLE}), e.g. the user an application logs in as. Changing
 * {@code login} or the password alters the role in place; changing the name replaces it: the new
 * role is created first, the old one dropped when the run finalizes.
 *
 * <p>The password is a {@link Secret}: encrypted in state, and sent to the server only as a hash
 * computed by the JDBC driver (SCRAM-SHA-256 or MD5, as the server's {@code password_encryption}
 * says), so it is never part of an SQL text, a log line or an error message.
 *
 * <pre>{@code
 * Role.Output app = Role.declare(scope, "app-user", Role.props("app_user")
 *     .login(true)
 *     .password(scope.secret(System.getenv("APP_DB_PASSWORD")))
 *     .build());
 * }</pre>
 */
public final class Role extends PostgresProvider<Role.Props, Role.Output> {

  /** The type name recorded in state. */
  public static final String TYPE = "postgres::Role";

  private static final Role INSTANCE = new Role();

  /**
   * What the role should be. Build with {@link Role#props(String)}.
   *
   * @param name the role name, see {@link PostgresNames}; a change replaces the role
   * @param login whether it may log in ({@code LOGIN}); PostgreSQL's default is {@code false}
   * @param password its password, or {@code null} to leave whatever password it has (a password
   *     Alchemy set before is removed when the prop goes back to {@code null})
   */
  public record Props(String name, boolean login, Secret password) {
    /** The name is required. */
    public Props {
      Objects.requireNonNull(name, "a Role needs a name");
    }
  }

  /**
   * The role as it is.
   *
   * @param name the role name, e.g. for {@link Database.PropsBuilder#owner(String)}
   * @param login whether it may log in
   * @param server the server it lives on, {@code host:port}
   */
  public record Output(String name, boolean login, String server)
      implements OnServer {}

  /** For {@link java.util.ServiceLoader}; use {@link #provider()} or {@link #declare}. */
  public Role() {
    super(TYPE, Props.class, Output.class);
  }

  /** Starts props for the role {@code name}; it cannot log in unless {@code login(true)}. */
  public static PropsBuilder props(String name) {
    return new PropsBuilder(name);
  }

  /**
   * Declares a role in {@code scope}. A bad name fails here, before anything is recorded or sent.
   */
  public static Output declare(Scope scope, String id, Props props) throws Exception {
    return INSTANCE.declareIn(scope, id, props);
  }

  /** The provider, as {@link Scope#resource} uses it. */
  public static Role provider() {
    return INSTANCE;
  }

  /** The role name, shown in logs and used to prove which role a record owns. */
  @Override
  public String physicalName(Props props, Output output) {
    return "role " + props.name();
  }

  @Override
  public Output create(ResourceContext context, Props props) throws Exception {
    validate(null, props);
    try (Connection connection = admin(context)) {
      connection.setAutoCommit(false);
      Existing existing = find(connection, props.name());
      if (existing == null) {
        createRole(connection, context, props);
      } else if (Pg.isOurs(context, existing.comment())) {
        // An earlier run created it and crashed before recording it.
        reconcile(connection, existing, props, false);
      } else {
        throw new ResourceExistsException("role " + props.name());
      }
      connection.commit();
    }
    return new Output(props.name(), props.login(), Pg.server(context));
  }

  @Override
  public Output update(ResourceContext context, Props oldProps, Props newProps, Output oldOutput)
      throws Exception {
    validate(null, newProps);
    return apply(context, newProps, oldProps.password() != null, false);
  }

  /** Brings the existing role to {@code props} and marks it as this resource's. */
  @Override
  public Output adopt(ResourceContext context, Props props, Output existing) throws Exception {
    validate(null, props);
    return apply(context, props, false, true);
  }

  @Override
  public void delete(ResourceContext context, Props props, Output output) throws Exception {
    if (!PostgresNames.isValid("role", props.name())) {
      return; // never created: a bad name fails before any SQL
    }
    if (output != null) {
      Pg.checkServer(context, "role " + props.name(), output.server());
    }
    try (Connection connection = admin(context)) {
      Existing existing = find(connection, props.name());
      if (existing == null || !Pg.mayDrop(context, existing.comment(), output)) {
        return;
      }
      String drop = "DROP ROLE IF EXISTS " + PostgresNames.quote(props.name());
      try (var statement = connection.createStatement()) {
        statement.execute(drop);
      } catch (SQLException e) {
        if (Pg.DEPENDENT_OBJECTS.equals(e.getSQLState())) {
          throw Pg.explained("Role " + props.name() + " cannot be dropped while objects depend"
              + " on it. Give them another owner or drop them (REASSIGN OWNED BY "
              + PostgresNames.quote(props.name()) + " TO ...; DROP OWNED BY "
              + PostgresNames.quote(props.name()) + "; in each database), then run again", e);
        }
        throw Pg.failure(drop, e);
      }
    }
  }

  /**
   * What {@link #create} and {@link #update} return, without a query: the name and login from
   * the props, and the server of the credentials (in local mode see {@link #predictedServer}).
   * The password is never part of an output.
   */
  @Override
  public Output predict(ResourceContext context, Props props, Output previous) {
    // Also when declared through Scope.resource, not declare: refused as create refuses it.
    validateKnown(null, props);
    return new Output(props.name(), props.login(), predictedServer(context, previous));
  }

  @Override
  public Optional<Output> read(ResourceContext context, Props props) throws Exception {
    validate(null, props);
    try (Connection connection = admin(context)) {
      Existing existing = find(connection, props.name());
      return existing == null ? Optional.empty()
          : Optional.of(new Output(props.name(), existing.login(), Pg.server(context)));
    }
  }

  /**
   * The role as the server has it: whether it exists and whether it may log in. The password
   * cannot be read (the server keeps only a hash), so it is the recorded one: a password changed
   * by hand is not seen.
   */
  @Override
  public Live<Props, Output> readLive(ResourceContext context, Props props, Output output)
      throws Exception {
    if (!PostgresNames.isValid("role", props.name())) {
      return Live.missing(); // never created: a bad name fails before any SQL
    }
    Live<Props, Output> elsewhere = readElsewhere(context, "role " + props.name(), output);
    if (elsewhere != null) {
      return elsewhere;
    }
    try (Connection connection = admin(context)) {
      Existing existing = find(connection, props.name());
      if (existing == null) {
        return Live.missing();
      }
      return Live.found(new Props(props.name(), existing.login(), props.password()),
          new Output(props.name(), existing.login(), Pg.server(context)));
    }
  }

  /**
   * Finds the role whose name is {@code importId}. Its password cannot be read, so it reads as
   * {@code null}: a declared password is then set by the update that follows the import, and
   * without one the role keeps whatever password it has.
   */
  @Override
  public Live<Props, Output> readById(ResourceContext context, String importId, Props props)
      throws Exception {
    PostgresNames.check("The import id of " + context.fqn(), "role", importId);
    try (Connection connection = admin(context)) {
      Existing existing = find(connection, importId);
      if (existing == null) {
        return Live.missing();
      }
      Pg.checkImportable(context, "ROLE " + PostgresNames.quote(importId), existing.comment());
      return Live.found(new Props(importId, existing.login(), null),
          new Output(importId, existing.login(), Pg.server(context)));
    }
  }

  @Override
  public boolean requiresReplacement(Props oldProps, Props newProps) {
    return !oldProps.name().equals(newProps.name());
  }

  private static Output apply(ResourceContext context, Props props, boolean clearPassword,
      boolean mark) throws Exception {
    try (Connection connection = admin(context)) {
      connection.setAutoCommit(false);
      Existing existing = find(connection, props.name());
      if (existing == null) {
        // Dropped outside Alchemy: bring it back as declared.
        createRole(connection, context, props);
      } else {
        reconcile(connection, existing, props, clearPassword);
        if (mark) {
          Pg.mark(connection, context, "ROLE " + PostgresNames.quote(props.name()));
        }
      }
      connection.commit();
    }
    return new Output(props.name(), props.login(), Pg.server(context));
  }

  private static void createRole(Connection connection, ResourceContext context, Props props)
      throws SQLException, ResourceExistsException {
    String role = PostgresNames.quote(props.name());
    try {
      Pg.execute(connection, "CREATE ROLE " + role + (props.login() ? " LOGIN" : " NOLOGIN"));
    } catch (SQLException e) {
      if (Pg.DUPLICATE_OBJECT.equals(e.getSQLState())) {
        throw new ResourceExistsException("role " + props.name());
      }
      throw e;
    }
    Pg.mark(connection, context, "ROLE " + role);
    if (props.password() != null) {
      Pg.setPassword(connection, props.name(), props.password());
    }
  }

  /** Sets what differs; the password whenever one is given, since it cannot be read back. */
  private static void reconcile(Connection connection, Existing existing, Props props,
      boolean clearPassword) throws SQLException {
    String role = PostgresNames.quote(props.name());
    if (existing.login() != props.login()) {
      Pg.execute(connection, "ALTER ROLE " + role + (props.login() ? " LOGIN" : " NOLOGIN"));
    }
    if (props.password() != null) {
      Pg.setPassword(connection, props.name(), props.password());
    } else if (clearPassword) {
      Pg.execute(connection, "ALTER ROLE " + role + " PASSWORD NULL");
    }
  }

  private static Connection admin(ResourceContext context) throws SQLException {
    return Pg.connect(context, Pg.credentials(context).database());
  }

  private static Existing find(Connection connection, String name) throws SQLException {
    List<String> row = Pg.queryRow(connection, "SELECT r.rolcanlogin::text,"
        + " shobj_description(r.oid, 'pg_authid') FROM pg_catalog.pg_roles r"
        + " WHERE r.rolname = ?", name);
    return row == null ? null : new Existing(Boolean.parseBoolean(row.get(0)), row.get(1));
  }

  @Override
  List<Name> names(Props props) {
    return List.of(new Name("role", props.name()));
  }

  private record Existing(boolean login, String comment) {}

  /** Builds {@link Props}; only the name is required. */
  public static final class PropsBuilder {
    private final String name;
    private boolean login;
    private Secret password;

    private PropsBuilder(String name) {
      this.name = name;
    }

    /** Whether the role may log in; {@code false} unless set, as in PostgreSQL. */
    public PropsBuilder login(boolean login) {
      this.login = login;
      return this;
    }

    /** Its password; encrypted in state, never shown. */
    public PropsBuilder password(Secret password) {
      this.password = password;
      return this;
    }

    /** The props. */
    public Props build() {
      return new Props(name, login, password);
    }
  }
}
