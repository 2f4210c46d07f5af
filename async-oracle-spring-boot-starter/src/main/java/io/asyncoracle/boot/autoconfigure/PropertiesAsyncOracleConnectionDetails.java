package io.asyncoracle.boot.autoconfigure;

import io.asyncoracle.InvalidArgumentException;
import io.asyncoracle.PoolOptions;
import io.asyncoracle.boot.support.JdbcUrls;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.util.ClassUtils;
import org.springframework.util.StringUtils;

/**
 * {@link AsyncOracleConnectionDetails} from {@code async-oracle.*}: the URL, or host with
 * service name or SID; with neither and H2 on the classpath, an embedded in-memory H2 database in
 * Oracle mode, named once here so that the pool and the schema migrations use the same one.
 */
final class PropertiesAsyncOracleConnectionDetails implements AsyncOracleConnectionDetails {

  private static final Log LOG = LogFactory.getLog(AsyncOracleAutoConfiguration.class);
  private static final String H2_DRIVER = "org.h2.Driver";

  private final AsyncOracleProperties properties;
  /** The embedded database's URL, or {@code null} when the properties name a database. */
  private final String embeddedUrl;

  /**
   * Resolves the target.
   *
   * @param properties the properties
   * @param classLoader the context's class loader: it decides whether H2 is "on the classpath"
   * @throws InvalidAsyncOracleConfigurationException if nothing is configured and H2 is absent
   */
  PropertiesAsyncOracleConnectionDetails(AsyncOracleProperties properties, ClassLoader classLoader) {
    this.properties = properties;
    this.embeddedUrl = configured(properties) ? null : embeddedUrl(properties, classLoader);
  }

  /**
   * Names of the embedded databases this JVM made: {@value EmbeddedDatabaseNames#FIRST} for the first,
   * so an application's database (and the {@code db.namespace} of its observations and meters) keeps
   * its name across restarts; {@code async-oracle-2}, {@code -3}, … for the next contexts of the same
   * JVM (tests), which must not see each other's data in a database that outlives its context.
   */
  static final EmbeddedDatabaseNames EMBEDDED_NAMES = new EmbeddedDatabaseNames();

  /** Hands out the embedded databases' names, never the same twice in a JVM. */
  static final class EmbeddedDatabaseNames {

    static final String FIRST = "async-oracle";

    private final java.util.concurrent.atomic.AtomicInteger made = new java.util.concurrent.atomic.AtomicInteger();

    String next() {
      int n = made.incrementAndGet();
      return n == 1 ? FIRST : FIRST + "-" + n;
    }
  }

  static boolean configured(AsyncOracleProperties properties) {
    return properties.getUrl() != null || properties.getHost() != null || properties.getServiceName() != null
        || properties.getSid() != null || properties.getPort() != null;
  }

  private static String embeddedUrl(AsyncOracleProperties properties, ClassLoader classLoader) {
    if (!ClassUtils.isPresent(H2_DRIVER, classLoader)) {
      throw new InvalidAsyncOracleConfigurationException(AsyncOracleProperties.PREFIX + ".url",
          "no database is configured (set async-oracle.url, or async-oracle.host with async-oracle.service-name"
              + " or async-oracle.sid) and H2 is not on the classpath for an embedded one", null);
    }
    String name = StringUtils.hasText(properties.getEmbeddedDatabaseName())
        ? properties.getEmbeddedDatabaseName() : EMBEDDED_NAMES.next();
    String url = "jdbc:h2:mem:" + name + ";MODE=Oracle;DB_CLOSE_DELAY=-1";
    LOG.warn("No database configured (async-oracle.url or async-oracle.host): using an embedded in-memory H2"
        + " database in Oracle mode (" + url + "). Set async-oracle.url to use Oracle Database.");
    return url;
  }

  /**
   * Returns whether this is the embedded H2 database.
   *
   * @return {@code true} when no database is configured
   */
  boolean embedded() {
    return embeddedUrl != null;
  }

  AsyncOracleProperties properties() {
    return properties;
  }

  @Override
  public String getUrl() {
    if (embeddedUrl != null) {
      return embeddedUrl;
    }
    if (properties.getUrl() != null) {
      return properties.getUrl();
    }
    if (properties.getHost() == null) {
      throw PoolOptionsFactory.hostMissing();
    }
    // host, port and service name or SID: the URL the pool builds from them, checked the same way.
    PoolOptions.Builder builder = PoolOptions.builder().host(properties.getHost())
        .serviceName(properties.getServiceName()).sid(properties.getSid());
    if (properties.getPort() != null) {
      builder.port(properties.getPort());
    }
    try {
      return builder.build().jdbcUrl();
    } catch (InvalidArgumentException e) {
      throw PoolOptionsFactory.invalid(e);
    }
  }

  @Override
  public String getUsername() {
    return properties.getUsername() == null && embedded() ? "sa" : properties.getUsername();
  }

  @Override
  public String getPassword() {
    return properties.getPassword() == null && embedded() ? "" : properties.getPassword();
  }

  @Override
  public String toString() {
    return "PropertiesAsyncOracleConnectionDetails[" + JdbcUrls.redact(getUrl()) + ", " + getUsername() + "]";
  }
}
