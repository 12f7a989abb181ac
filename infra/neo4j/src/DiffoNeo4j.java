import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import org.neo4j.configuration.connectors.ConnectorPortRegister;
import org.neo4j.configuration.connectors.ConnectorType;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.internal.helpers.HostnamePort;
import org.neo4j.internal.kernel.api.connectioninfo.ClientConnectionInfo;
import org.neo4j.internal.kernel.api.security.AuthenticationResult;
import org.neo4j.internal.kernel.api.security.LoginContext;
import org.neo4j.kernel.api.security.AuthManager;
import org.neo4j.kernel.internal.GraphDatabaseAPI;
import org.neo4j.server.CommunityBootstrapper;

/**
 * Local Neo4j 5.26 Community server for diffo-ts dev tooling and tests.
 *
 * <p>Runs the {@link CommunityBootstrapper} that the official distribution's {@code neo4j console}
 * runs (Bolt, HTTP/Query API, Neo4j Browser), makes sure user {@code neo4j} has the password in
 * {@code NEO4J_PASSWORD}, and then prints one line starting with {@value #READY_PREFIX} on stdout.
 * SIGTERM/SIGINT: the bootstrapper's signal handlers call System.exit, whose shutdown hook stops the
 * DBMS cleanly (checkpoint, store unlock). See README.md.
 */
public final class DiffoNeo4j {
    static final String READY_PREFIX = "DIFFO_NEO4J_READY";

    private static final String USAGE = String.join("\n",
            "usage: DiffoNeo4j [--home DIR] [--config FILE] [--set KEY=VALUE]... [--exit-when-ready]",
            "  --home DIR         Neo4j home: data in DIR/data, logs in DIR/logs",
            "                     (env DIFFO_NEO4J_HOME, default .data/neo4j)",
            "  --config FILE      neo4j.conf to load (env DIFFO_NEO4J_CONFIG, default infra/neo4j/neo4j.conf)",
            "  --set KEY=VALUE    config override, applied after FILE (repeatable),",
            "                     e.g. --set server.bolt.listen_address=127.0.0.1:0 for a free port",
            "  --exit-when-ready  run one warm-up query after the ready line, then shut down (exit 0)",
            "env NEO4J_PASSWORD (required): password for user neo4j (min. 8 characters)");

    private DiffoNeo4j() {}

    public static void main(String[] args) throws Exception {
        Path home = Path.of(env("DIFFO_NEO4J_HOME", ".data/neo4j"));
        Path config = Path.of(env("DIFFO_NEO4J_CONFIG", "infra/neo4j/neo4j.conf"));
        Map<String, String> overrides = new LinkedHashMap<>();
        boolean exitWhenReady = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--home" -> home = Path.of(value(args, ++i));
                case "--config" -> config = Path.of(value(args, ++i));
                case "--set" -> {
                    String kv = value(args, ++i);
                    int eq = kv.indexOf('=');
                    if (eq <= 0) {
                        fail("--set expects KEY=VALUE, got: " + kv);
                    }
                    overrides.put(kv.substring(0, eq).trim(), kv.substring(eq + 1).trim());
                }
                case "--exit-when-ready" -> exitWhenReady = true;
                case "-h", "--help" -> {
                    System.out.println(USAGE);
                    return;
                }
                default -> fail("unknown argument: " + args[i] + "\n" + USAGE);
            }
        }
        String password = System.getenv("NEO4J_PASSWORD");
        if (password == null || password.isEmpty()) {
            fail("NEO4J_PASSWORD must be set (password for user neo4j)");
        }
        if (!Files.isRegularFile(config)) {
            fail("config file not found: " + config.toAbsolutePath());
        }
        home = home.toAbsolutePath().normalize();
        Files.createDirectories(home);

        CommunityBootstrapper bootstrapper = new CommunityBootstrapper();
        // expandCommands=false; daemonMode=false keeps Neo4j's console log on stdout (it also goes to
        // DIR/logs/neo4j.log). The bootstrapper installs the SIGTERM/SIGINT handlers + shutdown hook.
        int rc;
        try {
            rc = bootstrapper.start(home, config.toAbsolutePath(), overrides, false, false);
        } catch (IllegalArgumentException e) { // e.g. "Unrecognized setting" (strict config validation)
            System.err.println("DiffoNeo4j: invalid configuration: " + e.getMessage());
            System.exit(3);
            return;
        }
        if (rc != 0) {
            System.err.println("DiffoNeo4j: Neo4j failed to start (code " + rc + "), see "
                    + home.resolve("logs/neo4j.log"));
            System.exit(rc);
        }

        long startedMs = uptimeMs();
        DatabaseManagementService dbms = bootstrapper.getDatabaseManagementService();
        try {
            GraphDatabaseAPI system = (GraphDatabaseAPI) dbms.database("system");
            ensurePassword(dbms, system, password);
            long passwordMs = uptimeMs() - startedMs;

            ConnectorPortRegister ports = system.getDependencyResolver().resolveDependency(ConnectorPortRegister.class);
            HostnamePort bolt = ports.getLocalAddress(ConnectorType.BOLT);
            HostnamePort http = ports.getLocalAddress(ConnectorType.HTTP);
            if (bolt == null) {
                throw new IllegalStateException("Bolt connector is not enabled (server.bolt.enabled)");
            }
            awaitTcp(bolt);

            System.out.println(READY_PREFIX
                    + " bolt=bolt://" + bolt
                    + " http=" + (http != null ? "http://" + http : "disabled")
                    + " home=" + home
                    + " pid=" + ProcessHandle.current().pid()
                    + " startup_ms=" + uptimeMs()
                    + " (dbms " + startedMs + ", password " + passwordMs + ")");
            System.out.flush();

            if (exitWhenReady) {
                // Exercise the Cypher stack once (also makes a CDS training run load those classes).
                dbms.database("neo4j").executeTransactionally("MATCH (n) RETURN count(n) AS n");
                System.exit(0); // shutdown hook stops the DBMS
            }
        } catch (Throwable t) {
            System.err.println("DiffoNeo4j: post-start setup failed: " + t);
            t.printStackTrace();
            System.exit(1); // shutdown hook stops the DBMS
        }

        new CountDownLatch(1).await(); // serve until a signal ends the JVM
    }

    /**
     * Idempotent: handles a fresh store (initial neo4j/neo4j, change required), a restart with the
     * same password, and a restart with a changed NEO4J_PASSWORD.
     */
    private static void ensurePassword(DatabaseManagementService dbms, GraphDatabaseAPI system, String password)
            throws Exception {
        // Fast path (normal restart): the password already works and no change is required. Checked via
        // the auth manager instead of Cypher: a cold administration command costs ~5 s here. On a
        // password change this counts as one failed login attempt for neo4j (lockout needs 3).
        AuthManager auth = system.getDependencyResolver().resolveDependency(AuthManager.class);
        LoginContext login = auth.login(
                Map.of("scheme", "basic", "principal", "neo4j",
                        "credentials", password.getBytes(StandardCharsets.UTF_8)),
                ClientConnectionInfo.EMBEDDED_CONNECTION);
        if (login.subject().getAuthenticationResult() == AuthenticationResult.SUCCESS) {
            return;
        }
        // Embedded transactions run with full access, so the current password is not needed. Fails
        // (and the launcher exits 1) if the password is shorter than
        // dbms.security.auth_minimum_password_length (default 8).
        dbms.database("system").executeTransactionally(
                "ALTER USER neo4j SET PASSWORD $pw CHANGE NOT REQUIRED", Map.of("pw", password));
    }

    private static void awaitTcp(HostnamePort address) throws InterruptedException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (true) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(address.getHost(), address.getPort()), 1000);
                return;
            } catch (IOException e) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("Bolt not accepting connections on " + address, e);
                }
                Thread.sleep(100);
            }
        }
    }

    private static long uptimeMs() {
        return ManagementFactory.getRuntimeMXBean().getUptime();
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isEmpty() ? fallback : v;
    }

    private static String value(String[] args, int i) {
        if (i >= args.length) {
            fail(args[i - 1] + " needs a value");
        }
        return args[i];
    }

    private static void fail(String message) {
        System.err.println("DiffoNeo4j: " + message);
        System.exit(2);
    }
}
