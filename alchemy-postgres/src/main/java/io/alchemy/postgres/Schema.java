package io.alchemy.postgres;

import io.alchemy.core.AlchemyException;
import io.alchemy.core.Scope;
import io.alchemy.core.provider.Live;
import io.alchemy.core.provider.ResourceContext;
import io.alchemy.core.provider.ResourceExistsException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A schema in a PostgreSQL database ({@code CREATE SCHEMA}). Changing the owner alters it in
 * place; changing the name or the database replaces it (the new one first, the old one dropped
 * when the run finalizes). A schema that still holds tables is not dropped unless {@code
 * dropCascade} is set.
 *
 * <pre>{@code
 * Schema.declare(scope, "reporting", Schema.props(db.name(), "reporting")
 *     .owner(appUser.name())
 *     .build());
 * }</pre>
 */
public final class Schema extends PostgresProvider<Schema.Props, Schema.Output> {

  /** The type name recorded in state. */
  public static final String TYPE = "postgres::Schema";

  private static final Schema INSTANCE = new Schema();

  /**
   * What the schema should be. Build with {@link Schema#props(String, String)}.
   *
   * @param database the database it lives in, usually {@code database.name()}; a change replaces
   * @param name the schema name, see {@link PostgresNames}; a change replaces it
   * @param owner the owning role's name; {@code null} for the administrator the credentials name
   * @param dropCascade whether deleting it also drops what it contains ({@code DROP SCHEMA ...
   *     CASCADE}); otherwise a schema that is not empty stays, and the delete fails saying so
   */
  public record Props(String database, String name, String owner, boolean dropCascade) {
    /** The database and name are required. */
    public Props {
      Objects.requireNonNull(database, "a Schema needs a database");
      Objects.requireNonNull(name, "a Schema needs a name");
    }
  }

  /**
   * The schema as it is.
   *
   * @param database the database it lives in
   * @param name its name
   * @param owner the owning role
   * @param server the server it lives on, {@code host:port}
   */
  public record Output(String database, String name, String owner, String server)
      implements OnServer {}

  /** For {@link java.util.ServiceLoader}; use {@link #provider()} or {@link #declare}. */
  public Schema() {
    super(TYPE, Props.class, Output.class);
  }

  /** Starts props for the schema {@code name} in {@code database}. */
  public static PropsBuilder props(String database, String name) {
    return new PropsBuilder(database, name);
  }

  /** Starts props for the schema {@code name} in a database a {@link Database} returned. */
  public static PropsBuilder props(Database.Output database, String name) {
    return new PropsBuilder(database.name(), name);
  }

  /**
   * Declares a schema in {@code scope}. A bad name fails here, before anything is recorded or
   * sent.
   */
  public static Output declare(Scope scope, String id, Props props) throws Exception {
    return INSTANCE.declareIn(scope, id, props);
  }

  /** The provider, as {@link Scope#resource} uses it. */
  public static Schema provider() {
    return INSTANCE;
  }

  /** The schema, shown in logs and used to prove which schema a record owns. */
  @Override
  public String physicalName(Props props, Output output) {
    return "schema " + props.database() + "." + props.name();
  }

  @Override
  public Output create(ResourceContext context, Props props) throws Exception {
    validate(null, props);
    try (Connection connection = Pg.connect(context, props.database())) {
      connection.setAutoCommit(false);
      Existing existing = find(connection, props.name());
      if (existing == null) {
        createSchema(connection, context, props);
      } else if (Pg.isOurs(context, existing.comment())) {
        // An earlier run created it and crashed before recording it.
        reconcile(connection, existing, props);
      } else {
        throw new ResourceExistsException("schema " + props.name() + " in database "
            + props.database());
      }
      Output output = output(connection, context, props);
      connection.commit();
      return output;
    }
  }

  @Override
  public Output update(ResourceContext context, Props oldProps, Props newProps, Output oldOutput)
      throws Exception {
    validate(null, newProps);
    return apply(context, newProps, false);
  }

  /** Brings the existing schema to {@code props} (never recreating it) and marks it. */
  @Override
  public Output adopt(ResourceContext context, Props props, Output existing) throws Exception {
    validate(null, props);
    return apply(context, props, true);
  }

  @Override
  public void delete(ResourceContext context, Props props, Output output) throws Exception {
    if (!PostgresNames.isValid("database", props.database())
        || !PostgresNames.isValid("schema", props.name())) {
      return; // never created: a bad name fails before any SQL
    }
    if (output != null) {
      Pg.checkServer(context, "schema " + props.name() + " in database " + props.database(),
          output.server());
    }
    Connection connection;
    try {
      connection = Pg.connect(context, props.database());
    } catch (SQLException e) {
      if (Pg.INVALID_CATALOG_NAME.equals(e.getSQLState())) {
        return; // its database is gone, and the schema with it
      }
      throw e;
    }
    try (connection) {
      Existing existing = find(connection, props.name());
      if (existing == null || !Pg.mayDrop(context, existing.comment(), output)) {
        return;
      }
      String drop = "DROP SCHEMA IF EXISTS " + PostgresNames.quote(props.name())
          + (props.dropCascade() ? " CASCADE" : " RESTRICT");
      try (var statement = connection.createStatement()) {
        statement.execute(drop);
      } catch (SQLException e) {
        if (Pg.DEPENDENT_OBJECTS.equals(e.getSQLState())) {
          throw Pg.explained("Schema " + props.name() + " in database " + props.database()
              + " is not empty, so it was not dropped. Drop what it contains, or set"
              + " dropCascade(true) in its props to drop everything in it, then run again", e);
        }
        throw Pg.failure(drop, e);
      }
    }
  }

  /**
   * What {@link #create} and {@link #update} return, without a query: the database and name from
   * the props, the owner (the credentials' user when none is given) and the server of the
   * credentials (in local mode see {@link #predictedServer}).
   */
  @Override
  public Output predict(ResourceContext context, Props props, Output previous) {
    // Also when declared through Scope.resource, not declare: refused as create refuses it.
    validateKnown(null, props);
    return new Output(props.database(), props.name(), predictedOwner(context, props.owner()),
        predictedServer(context, previous));
  }

  @Override
  public Optional<Output> read(ResourceContext context, Props props) throws Exception {
    validate(null, props);
    Existing existing = findIn(context, props.database(), props.name());
    return existing == null ? Optional.empty() : Optional.of(new Output(props.database(),
        props.name(), existing.owner(), Pg.server(context)));
  }

  /**
   * The schema as the server has it: whether it exists (a dropped database takes it along) and
   * its owner. An owner left to the administrator ({@code null}) reads as {@code null} while the
   * credentials' user owns it. {@code dropCascade} is Alchemy's own setting, not the server's,
   * so it is the recorded one.
   */
  @Override
  public Live<Props, Output> readLive(ResourceContext context, Props props, Output output)
      throws Exception {
    if (!PostgresNames.isValid("database", props.database())
        || !PostgresNames.isValid("schema", props.name())) {
      return Live.missing(); // never created: a bad name fails before any SQL
    }
    Live<Props, Output> elsewhere = readElsewhere(context,
        "schema " + props.name() + " in database " + props.database(), output);
    if (elsewhere != null) {
      return elsewhere;
    }
    Existing existing = findIn(context, props.database(), props.name());
    return existing == null ? Live.missing() : found(context, props.database(), props.name(),
        existing, props);
  }

  /**
   * Finds the schema whose id is {@code importId}: {@code database.schema}, e.g. {@code
   * app_db.reporting}, as logs name it (names never hold a dot). {@code dropCascade} is the
   * declared one.
   */
  @Override
  public Live<Props, Output> readById(ResourceContext context, String importId, Props props)
      throws Exception {
    int dot = importId.indexOf('.');
    if (dot < 0) {
      throw new AlchemyException("The import id of " + context.fqn() + ", \"" + importId
          + "\", names no database: a schema's import id is database.schema, e.g. "
          + props.database() + "." + importId + ". Nothing was recorded or changed.");
    }
    String database = importId.substring(0, dot);
    String name = importId.substring(dot + 1);
    String resource = "The import id of " + context.fqn();
    PostgresNames.check(resource, "database", database);
    PostgresNames.check(resource, "schema", name);
    Existing existing = findIn(context, database, name);
    if (existing == null) {
      return Live.missing();
    }
    Pg.checkImportable(context, "SCHEMA " + PostgresNames.quote(name), existing.comment());
    return found(context, database, name, existing, props);
  }

  /** The schema {@code name} in {@code database}, or {@code null} when either is missing. */
  private static Existing findIn(ResourceContext context, String database, String name)
      throws SQLException {
    Connection connection;
    try {
      connection = Pg.connect(context, database);
    } catch (SQLException e) {
      if (Pg.INVALID_CATALOG_NAME.equals(e.getSQLState())) {
        return null; // its database is gone, and the schema with it
      }
      throw e;
    }
    try (connection) {
      return find(connection, name);
    }
  }

  /**
   * An existing schema as a read answers, its props worded as {@code compared} words them where
   * they mean the same: the owner {@code null} for the credentials' user if {@code compared}
   * says {@code null}, and {@code compared}'s {@code dropCascade}, which the server does not have.
   */
  private static Live<Props, Output> found(ResourceContext context, String database,
      String name, Existing existing, Props compared) {
    return Live.found(new Props(database, name,
            ownerAsProps(compared.owner(), existing.owner(), existing.currentUser()),
            compared.dropCascade()),
        new Output(database, name, existing.owner(), Pg.server(context)));
  }

  @Override
  public boolean requiresReplacement(Props oldProps, Props newProps) {
    return !oldProps.database().equals(newProps.database())
        || !oldProps.name().equals(newProps.name());
  }

  private static Output apply(ResourceContext context, Props props, boolean mark)
      throws Exception {
    try (Connection connection = Pg.connect(context, props.database())) {
      connection.setAutoCommit(false);
      Existing existing = find(connection, props.name());
      if (existing == null) {
        // Dropped outside Alchemy: bring it back as declared.
        createSchema(connection, context, props);
      } else {
        reconcile(connection, existing, props);
        if (mark) {
          Pg.mark(connection, context, "SCHEMA " + PostgresNames.quote(props.name()));
        }
      }
      Output output = output(connection, context, props);
      connection.commit();
      return output;
    }
  }

  private static void createSchema(Connection connection, ResourceContext context, Props props)
      throws SQLException, ResourceExistsException {
    String schema = PostgresNames.quote(props.name());
    try {
      Pg.execute(connection, "CREATE SCHEMA " + schema + (props.owner() == null ? ""
          : " AUTHORIZATION " + PostgresNames.quote(props.owner())));
    } catch (SQLException e) {
      if (Pg.DUPLICATE_SCHEMA.equals(e.getSQLState())) {
        throw new ResourceExistsException("schema " + props.name() + " in database "
            + props.database());
      }
      throw e;
    }
    Pg.mark(connection, context, "SCHEMA " + schema);
  }

  private static void reconcile(Connection connection, Existing existing, Props props)
      throws SQLException {
    String owner = props.owner() != null ? props.owner() : existing.currentUser();
    if (!owner.equals(existing.owner())) {
      Pg.execute(connection, "ALTER SCHEMA " + PostgresNames.quote(props.name()) + " OWNER TO "
          + (props.owner() != null ? PostgresNames.quote(props.owner()) : "CURRENT_USER"));
    }
  }

  private static Output output(Connection connection, ResourceContext context, Props props) throws SQLException {
    Existing existing = find(connection, props.name());
    if (existing == null) {
      throw new SQLException("schema " + props.name() + " disappeared while it was being changed");
    }
    return new Output(props.database(), props.name(), existing.owner(), Pg.server(context));
  }

  private static Existing find(Connection connection, String name) throws SQLException {
    List<String> row = Pg.queryRow(connection, "SELECT pg_catalog.pg_get_userbyid(n.nspowner),"
        + " pg_catalog.obj_description(n.oid, 'pg_namespace'), current_user"
        + " FROM pg_catalog.pg_namespace n WHERE n.nspname = ?", name);
    return row == null ? null : new Existing(row.get(0), row.get(1), row.get(2));
  }

  @Override
  List<Name> names(Props props) {
    List<Name> names = new ArrayList<>();
    names.add(new Name("database", props.database()));
    names.add(new Name("schema", props.name()));
    if (props.owner() != null) {
      names.add(new Name("owner role", props.owner()));
    }
    return names;
  }

  /** A schema as the catalog has it, and the user the query ran as. */
  private record Existing(String owner, String comment, String currentUser) {}

  /** Builds {@link Props}; the database and name are required. */
  public static final class PropsBuilder {
    private final String database;
    private final String name;
    private String owner;
    private boolean dropCascade;

    private PropsBuilder(String database, String name) {
      this.database = database;
      this.name = name;
    }

    /** The owning role's name, e.g. {@code role.name()}; the administrator when not set. */
    public PropsBuilder owner(String owner) {
      this.owner = owner;
      return this;
    }

    /** The owning role, as a {@link Role} resource returned it. */
    public PropsBuilder owner(Role.Output owner) {
      return owner(owner.name());
    }

    /** Whether deleting the schema drops everything in it; {@code false} unless set. */
    public PropsBuilder dropCascade(boolean dropCascade) {
      this.dropCascade = dropCascade;
      return this;
    }

    /** The props. */
    public Props build() {
      return new Props(database, name, owner, dropCascade);
    }
  }
}
