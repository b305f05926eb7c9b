package ai.flatkey.migrate.peer;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Provides one {@link Aimock} server per test run (kept in JUnit's root store, closed after the last test), to
 * parameters of type {@link Aimock}. Skips the tests, with the reason printed, only when npm or node is absent;
 * an install or start failure fails them.
 */
public final class AimockExtension implements BeforeAllCallback, ParameterResolver {
    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(AimockExtension.class);

    /** Closes the server when JUnit closes the root store. */
    private record Running(Aimock server) implements AutoCloseable {
        @Override
        public void close() {
            server.close();
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        Optional<String> reason = Aimock.unavailableReason();
        if (reason.isPresent()) {
            System.out.println("[aimock] skipping " + context.getDisplayName() + ": " + reason.get());
            Assumptions.abort(reason.get());
        }
        server(context);
    }

    private static Aimock server(ExtensionContext context) {
        ExtensionContext.Store store = context.getRoot().getStore(NS);
        Path project = Paths.get(System.getProperty("user.dir"));
        return store.getOrComputeIfAbsent(Running.class, k -> new Running(Aimock.start(project)), Running.class)
                .server();
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Aimock.class;
    }

    @Override
    public Aimock resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return server(context);
    }
}
