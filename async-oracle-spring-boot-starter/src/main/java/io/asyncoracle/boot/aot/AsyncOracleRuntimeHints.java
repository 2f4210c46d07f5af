package io.asyncoracle.boot.aot;

import io.asyncoracle.boot.autoconfigure.AsyncOracleProperties;
import java.sql.ResultSet;
import java.util.List;
import org.springframework.aot.hint.ExecutableMode;
import org.springframework.aot.hint.MemberCategory;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.aot.hint.TypeReference;
import org.springframework.boot.context.properties.bind.BindableRuntimeHintsRegistrar;
import org.springframework.util.ClassUtils;

/**
 * What async-oracle reaches by reflection or through proxies, for a GraalVM native image
 * (registered in {@code META-INF/spring/aot.factories}). ojdbc11 and ucp11 ship their own
 * native-image metadata (their {@code NativeImageFeature}s and the UCP connection factory
 * {@code oracle.jdbc.pool.OracleDataSource}); this covers what our own code adds:
 * <ul>
 *   <li>UCP's connection factory for H2 ({@value #H2_FACTORY}), which UCP creates by name and
 *       configures through its setters, when H2 is on the classpath;</li>
 *   <li>the virtual-thread builder the core looks up reflectively (so the same jar runs on Java 17);</li>
 *   <li>the driver's logical transaction id class, whose bytes {@code ltxid()} reads;</li>
 *   <li>the JDK proxy the template hands row mappers as a {@link ResultSet};</li>
 *   <li>binding of {@link AsyncOracleProperties}.</li>
 * </ul>
 */
public class AsyncOracleRuntimeHints implements RuntimeHintsRegistrar {

  /** UCP's connection factory for H2 URLs (the core's choice for {@code jdbc:h2:}). */
  static final String H2_FACTORY = "org.h2.jdbcx.JdbcDataSource";
  /** The class of {@code OracleConnection.getLogicalTransactionId()}. */
  static final String LTXID = "oracle.jdbc.driver.LogicalTransactionId";
  /** {@code Thread.Builder} (Java 21+), reached reflectively by the core's worker threads. */
  static final String THREAD_BUILDER = "java.lang.Thread$Builder";

  /** Creates the registrar (Spring instantiates it from {@code aot.factories}). */
  public AsyncOracleRuntimeHints() {
  }

  @Override
  public void registerHints(RuntimeHints hints, ClassLoader classLoader) {
    if (ClassUtils.isPresent(H2_FACTORY, classLoader)) {
      hints.reflection().registerType(TypeReference.of(H2_FACTORY), MemberCategory.INVOKE_PUBLIC_CONSTRUCTORS,
          MemberCategory.INVOKE_PUBLIC_METHODS);
    }
    hints.reflection().registerType(TypeReference.of(LTXID),
        type -> type.withMethod("getBytes", List.of(), ExecutableMode.INVOKE));
    hints.reflection().registerType(Thread.class,
        type -> type.withMethod("ofVirtual", List.of(), ExecutableMode.INVOKE));
    hints.reflection().registerType(TypeReference.of(THREAD_BUILDER),
        type -> type.withMethod("name", List.of(TypeReference.of(String.class)), ExecutableMode.INVOKE)
            .withMethod("factory", List.of(), ExecutableMode.INVOKE));
    hints.proxies().registerJdkProxy(ResultSet.class);
    BindableRuntimeHintsRegistrar.forTypes(AsyncOracleProperties.class).registerHints(hints, classLoader);
  }
}
