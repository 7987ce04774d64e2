package io.perfkit.testkit;

import java.lang.reflect.Parameter;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * The JUnit 5 extension behind {@link RealServers @RealServers}: resolves {@link TestDatabase} and
 * {@link TestRedis} parameters. Prefer the annotation; register this class directly only where an
 * annotation cannot go ({@code @RegisterExtension} or
 * {@code @ExtendWith(RealServersExtension.class)}).
 *
 * <p>The servers live in the root extension store: they are resolved on first use and stopped
 * when the JUnit run ends. A class's database and key prefix live in that class's store: created
 * on first use and removed when the class finishes, after its {@code @AfterAll} methods.
 */
public final class RealServersExtension implements ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(RealServersExtension.class);

    /** Creates the extension; JUnit calls this, tests need not. */
    public RealServersExtension() {}

    @Override
    public boolean supportsParameter(ParameterContext parameterContext,
            ExtensionContext extensionContext) {
        Class<?> type = parameterContext.getParameter().getType();
        return type == TestDatabase.class || type == TestRedis.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext,
            ExtensionContext extensionContext) {
        Parameter parameter = parameterContext.getParameter();
        ExtensionContext classContext = classContext(extensionContext);
        ExtensionContext.Store classStore = classContext.getStore(NAMESPACE);
        String id = classStore.computeIfAbsent(
                "id", k -> TestNames.newId(classContext.getRequiredTestClass()), String.class);
        if (parameter.getType() == TestDatabase.class) {
            return classStore.computeIfAbsent(ClassDatabase.class,
                    k -> ClassDatabase.create(servers(extensionContext).postgres(), id),
                    ClassDatabase.class).database();
        }
        return classStore.computeIfAbsent(ClassKeyspace.class,
                k -> {
                    JvmServers servers = servers(extensionContext);
                    return new ClassKeyspace(servers.redisClient(), servers.redis(), id);
                },
                ClassKeyspace.class).redis();
    }

    private static JvmServers servers(ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE).computeIfAbsent(
                JvmServers.class, k -> new JvmServers(ServerSettings.fromSystem()), JvmServers.class);
    }

    /**
     * The context of the test class, so that its methods share one database: a method's context
     * closes after each test, a class's after {@code @AfterAll}.
     */
    private static ExtensionContext classContext(ExtensionContext context) {
        ExtensionContext current = context;
        while (current.getTestMethod().isPresent() && current.getParent().isPresent()) {
            current = current.getParent().get();
        }
        return current;
    }
}
