package io.alchemy.postgres;

import io.alchemy.core.AlchemyException;
import io.alchemy.core.Scope;
import io.alchemy.core.plan.Unknowns;
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
 * A PostgreSQL database ({@code CREATE DATABASE}). Changing the owner alters it in place; changing
 * the name replaces it: the new database is created first (empty), the old one dropped when the
 * run finalizes, so a failure leaves the old one in place. The encoding cannot change in place:
 * change it together with the name.
 *
 * <p>Dropping a database ends the sessions still connected to it.
 *
 * <pre>{@code
 * Database.Output db = Database.declare(scope, "app-db", Database.props("app_db")
 *     .owner(appUser.name())
 *     .build());
 * String url = db.jdbcUrl();   // jdbc:postgresql://host:5432/app_db
 * }</pre>
 */
public final class Database extends PostgresProvider<Database.Props, Database.Output> {

  /** The type name recorded in state. */
  public static final String TYPE = "postgres::Database";

  /** The encoding used when none is given. */
  public static final String DEFAULT_ENCODING = "UTF8";

  private static final Database INSTANCE = new Database();

  /**
   * What the database should be. Build with {@link Database#props(String)}.
   *
   * @param name the database name, see {@link PostgresNames}; a change replaces the database
   * @param owner the owning role's name, usually another resource's output ({@code
   *     role.name()}); {@code null} for the administrator the credentials name
   * @param encoding the character encoding, {@code UTF8} when {@code null}
   */
  public record Props(String name, String owner, String encoding) {
    /** The name is required; the encoding defaults to {@value Database#DEFAULT_ENCODING}. */
    public Props {
      Objects.requireNonNull(name, "a Database needs a name");
      encoding = encoding == null ? DEFAULT_ENCODING : encoding;
    }
  }

  /**
   * The database as it is.
   *
   * @param name its name
   * @param owner the owning role
   * @param encoding its encoding as PostgreSQL names it, e.g. {@code UTF8}
   * @param jdbcUrl its JDBC URL on the server of the scope's credentials, without user or password
   * @param server the server it lives on, {@code host:port}
   */
  public record Output(String name, String owner, String encoding, String jdbcUrl,
      String server)
      implements OnServer {}

  /** For {@link java.util.ServiceLoader}; use {@link #provider()} or {@link #declare}. */
  public Database() {
    super(TYPE, Props.class, Output.class);
  }

  /** Starts props for the database {@code name}. */
  public static PropsBuilder props(String name) {
    return new PropsBuilder(name);
  }

  /**
   * Declares a database in {@code scope}. A bad name fails here, before anything is recorded or
   * sent.
   */
  public static Output declare(Scope scope, String id, Props props) throws Exception {
    return INSTANCE.declareIn(scope, id, props);
  }

  /** The provider, as {@link Scope#resource} uses it. */
  public static Database provider() {
    return INSTANCE;
  }

  /** The database name, shown in logs and used to prove which database a record owns. */
  @Override
  public String physicalName(Props props, Output output) {
    return "database " + props.name();
  }

  @Override
  public Output create(ResourceContext context, Props props) throws Exception {
    validate(null, props);
    // CREATE DATABASE cannot run inside a transaction: autocommit stays on.
    try (Connection connection = admin(context)) {
      Existing existing = find(connection, props.name());
      if (existing == null) {
        createDatabase(connection, context, props);
      } else if (Pg.isOurs(context, existing.comment())) {
        // An earlier run created it and crashed before recording it.
        reconcile(connection, existing, props);
      } else {
        throw new ResourceExistsException("database " + props.name());
      }
      return output(connection, context, props.name());
    }
  }

  @Override
  public Output update(ResourceContext context, Props oldProps, Props newProps, Output oldOutput)
      throws Exception {
    validate(null, newProps);
    return apply(context, newProps, false);
  }

  /** Brings the existing database to {@code props} (never recreating it) and marks it. */
  @Override
  public Output adopt(ResourceContext context, Props props, Output existing) throws Exception {
    validate(null, props);
    return apply(context, props, true);
  }

  @Override
  public void delete(ResourceContext context, Props props, Output output) throws Exception {
    if (!PostgresNames.isValid("database", props.name())) {
      return; // never created: a bad name fails before any SQL
    }
    if (output != null) {
      Pg.checkServer(context, "database " + props.name(), output.server());
    }
    try (Connection connection = admin(context)) {
      Existing existing = find(connection, props.name());
      if (existing == null || !Pg.mayDrop(context, existing.comment(), output)) {
        return;
      }
      String database = PostgresNames.quote(props.name());
      String drop;
      if (connection.getMetaData().getDatabaseMajorVersion() >= 13) {
        drop = "DROP DATABASE IF EXISTS " + database + " WITH (FORCE)";
      } else {
        Pg.queryRow(connection, "SELECT count(pg_catalog.pg_terminate_backend(pid))"
            + " FROM pg_catalog.pg_stat_activity WHERE datname = ?"
            + " AND pid <> pg_catalog.pg_backend_pid()", props.name());
        drop = "DROP DATABASE IF EXISTS " + database;
      }
      try (var statement = connection.createStatement()) {
        statement.execute(drop);
      } catch (SQLException e) {
        if (Pg.OBJECT_IN_USE.equals(e.getSQLState())) {
          throw Pg.explained("Database " + props.name() + " is in use and cannot be dropped."
              + " Stop what is connected to it (the credentials' user may not end other users'"
              + " sessions), then run again", e);
        }
        throw Pg.failure(drop, e);
      }
    }
  }

  /**
   * What {@link #create} and {@link #update} return, from the props and the credentials'
   * configuration, without a query: the name, the owner (the credentials' user when none is
   * given), the encoding as PostgreSQL names it (unknown for a name this provider does not know;
   * for an update, the database's own, which cannot change), and the JDBC URL and server of the
   * credentials, which never hold the password. In local mode see {@link #predictedServer}; the
   * URL is then the recorded one, or unknown for a new database.
   */
  @Override
  public Output predict(ResourceContext context, Props props, Output previous) {
    // Also when declared through Scope.resource, not declare: refused as create refuses it.
    validateKnown(null, props);
    String encoding = previous != null && PostgresNames.normalizeEncoding(previous.encoding())
        .equals(PostgresNames.normalizeEncoding(props.encoding())) ? previous.encoding()
        : PostgresNames.serverEncoding(props.encoding());
    String jdbcUrl;
    if (!context.scope().local()) {
      jdbcUrl = Pg.credentials(context).jdbcUrl(props.name());
    } else if (previous != null && previous.name().equals(props.name())) {
      jdbcUrl = previous.jdbcUrl();
    } else {
      jdbcUrl = Unknowns.marker(context.fqn(), "jdbcUrl");
    }
    return new Output(props.name(), predictedOwner(context, props.owner()),
        encoding != null ? encoding : Unknowns.marker(context.fqn(), "encoding"), jdbcUrl,
        predictedServer(context, previous));
  }

  @Override
  public Optional<Output> read(ResourceContext context, Props props) throws Exception {
    validate(null, props);
    try (Connection connection = admin(context)) {
      return find(connection, props.name()) == null ? Optional.empty()
          : Optional.of(output(connection, context, props.name()));
    }
  }

  /**
   * The database as the server has it: whether it exists, its owner and its encoding. An owner
   * left to the administrator ({@code null}) reads as {@code null} while the credentials' user
   * owns it.
   */
  @Override
  public Live<Props, Output> readLive(ResourceContext context, Props props, Output output)
      throws Exception {
    if (!PostgresNames.isValid("database", props.name())) {
      return Live.missing(); // never created: a bad name fails before any SQL
    }
    Live<Props, Output> elsewhere = readElsewhere(context, "database " + props.name(), output);
    if (elsewhere != null) {
      return elsewhere;
    }
    try (Connection connection = admin(context)) {
      Existing existing = find(connection, props.name());
      if (existing == null) {
        return Live.missing();
      }
      return Live.found(asProps(props.name(), existing, props),
          output(context, props.name(), existing));
    }
  }

  /**
   * Finds the database whose name is {@code importId}. One whose encoding differs from the
   * declared one is refused, since an encoding cannot change in place: the update that follows
   * the import would fail.
   */
  @Override
  public Live<Props, Output> readById(ResourceContext context, String importId, Props props)
      throws Exception {
    PostgresNames.check("The import id of " + context.fqn(), "database", importId);
    try (Connection connection = admin(context)) {
      Existing existing = find(connection, importId);
      if (existing == null) {
        return Live.missing();
      }
      if (!sameEncoding(existing.encoding(), props.encoding())) {
        throw new AlchemyException("Cannot import database " + importId + " into "
            + context.fqn() + ": it has the encoding " + existing.encoding() + ", but its props"
            + " ask for " + props.encoding() + ", and an encoding cannot change in place. Declare"
            + " encoding(\"" + existing.encoding() + "\") to import it. Nothing was recorded or"
            + " changed.");
      }
      Pg.checkImportable(context, "DATABASE " + PostgresNames.quote(importId),
          existing.comment());
      return Live.found(asProps(importId, existing, props), output(context, importId, existing));
    }
  }

  /**
   * A new name is a new database. (A new encoding alone is refused by the update, since the new
   * database could not be created while the old one still holds its name.)
   */
  @Override
  public boolean requiresReplacement(Props oldProps, Props newProps) {
    return !oldProps.name().equals(newProps.name());
  }

  private static Output apply(ResourceContext context, Props props, boolean mark)
      throws Exception {
    try (Connection connection = admin(context)) {
      Existing existing = find(connection, props.name());
      if (existing == null) {
        // Dropped outside Alchemy: bring it back as declared (empty).
        createDatabase(connection, context, props);
      } else {
        reconcile(connection, existing, props);
        if (mark) {
          Pg.mark(connection, context, "DATABASE " + PostgresNames.quote(props.name()));
        }
      }
      return output(connection, context, props.name());
    }
  }

  private static void createDatabase(Connection connection, ResourceContext context, Props props)
      throws SQLException, ResourceExistsException {
    String database = PostgresNames.quote(props.name());
    StringBuilder sql = new StringBuilder("CREATE DATABASE ").append(database);
    if (props.owner() != null) {
      sql.append(" OWNER ").append(PostgresNames.quote(props.owner()));
    }
    sql.append(" ENCODING ").append(PostgresNames.literal(props.encoding()));
    // template1 may have another encoding; template0 takes any (with a compatible locale).
    List<String> template = Pg.queryRow(connection, "SELECT pg_catalog.pg_encoding_to_char("
        + "encoding) FROM pg_catalog.pg_database WHERE datname = 'template1'");
    if (template == null || !PostgresNames.normalizeEncoding(template.get(0))
        .equals(PostgresNames.normalizeEncoding(props.encoding()))) {
      sql.append(" TEMPLATE template0");
    }
    try {
      Pg.execute(connection, sql.toString());
    } catch (SQLException e) {
      if (Pg.DUPLICATE_DATABASE.equals(e.getSQLState())) {
        throw new ResourceExistsException("database " + props.name());
      }
      throw e;
    }
    Pg.mark(connection, context, "DATABASE " + database);
  }

  /**
   * The props of an existing database, worded as {@code compared} words them where they mean the
   * same: its owner ({@code null} for the credentials' user if {@code compared} says {@code
   * null}) and its encoding ({@code utf-8} is {@code UTF8}).
   */
  private static Props asProps(String name, Existing existing, Props compared) {
    return new Props(name,
        ownerAsProps(compared.owner(), existing.owner(), existing.currentUser()),
        sameEncoding(existing.encoding(), compared.encoding()) ? compared.encoding()
            : existing.encoding());
  }

  private static boolean sameEncoding(String a, String b) {
    return PostgresNames.normalizeEncoding(a).equals(PostgresNames.normalizeEncoding(b));
  }

  private static void reconcile(Connection connection, Existing existing, Props props)
      throws SQLException {
    if (!sameEncoding(existing.encoding(), props.encoding())) {
      throw new AlchemyException("Database " + props.name() + " has the encoding "
          + existing.encoding() + ", but its props ask for " + props.encoding() + ". An encoding"
          + " cannot change in place, and a new database cannot be created while this one holds"
          + " the name. Keep encoding " + existing.encoding() + ", or change the name as well:"
          + " then Alchemy creates the new database and drops this one when the run finishes."
          + " Nothing was changed.");
    }
    String owner = props.owner() != null ? props.owner() : existing.currentUser();
    if (!owner.equals(existing.owner())) {
      Pg.execute(connection, "ALTER DATABASE " + PostgresNames.quote(props.name()) + " OWNER TO "
          + (props.owner() != null ? PostgresNames.quote(props.owner()) : "CURRENT_USER"));
    }
  }

  private static Output output(Connection connection, ResourceContext context, String name)
      throws SQLException {
    Existing existing = find(connection, name);
    if (existing == null) {
      throw new SQLException("database " + name + " disappeared while it was being changed");
    }
    return output(context, name, existing);
  }

  private static Output output(ResourceContext context, String name, Existing existing) {
    return new Output(name, existing.owner(), existing.encoding(),
        Pg.credentials(context).jdbcUrl(name), Pg.server(context));
  }

  private static Connection admin(ResourceContext context) throws SQLException {
    return Pg.connect(context, Pg.credentials(context).database());
  }

  private static Existing find(Connection connection, String name) throws SQLException {
    List<String> row = Pg.queryRow(connection, "SELECT pg_catalog.pg_get_userbyid(d.datdba),"
        + " pg_catalog.pg_encoding_to_char(d.encoding),"
        + " pg_catalog.shobj_description(d.oid, 'pg_database'), current_user"
        + " FROM pg_catalog.pg_database d WHERE d.datname = ?", name);
    return row == null ? null : new Existing(row.get(0), row.get(1), row.get(2), row.get(3));
  }

  @Override
  List<Name> names(Props props) {
    List<Name> names = new ArrayList<>();
    names.add(new Name("database", props.name()));
    if (props.owner() != null) {
      names.add(new Name("owner role", props.owner()));
    }
    names.add(new Name(ENCODING, props.encoding()));
    return names;
  }

  /** A database as the catalog has it, and the user the query ran as. */
  private record Existing(String owner, String encoding, String comment, String currentUser) {}

  /** Builds {@link Props}; only the name is required. */
  public static final class PropsBuilder {
    private final String name;
    private String owner;
    private String encoding = DEFAULT_ENCODING;

    private PropsBuilder(String name) {
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

    /** The character encoding; {@value Database#DEFAULT_ENCODING} unless set. */
    public PropsBuilder encoding(String encoding) {
      this.encoding = encoding;
      return this;
    }

    /** The props. */
    public Props build() {
      return new Props(name, owner, encoding);
    }
  }
}
