package io.fileparser.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The domain's JDBC pools over TLS with {@code sslmode=verify-full} (README, "PostgreSQL over
 * TLS"), proven with Payara's own pools on the IT domain against a PostgreSQL 15 cluster of this
 * test's own: Debian's {@code pg_createcluster} on a free port with {@code ssl = on}, a server
 * certificate for {@code localhost} and {@code 127.0.0.1} signed by a CA made here, and {@code
 * hostssl} rules only, so a connection without TLS is refused by the server.
 *
 * <p>Each test creates a pool of its own through asadmin, pings it and deletes it; the cluster is
 * dropped after the class, whatever happened. The CA lies in a directory whose name holds {@code :}
 * and {@code =}, the separators of asadmin's {@code --property}, which must be escaped.
 */
class PostgresTlsIT {

  private static final String VERSION = "15";
  private static final long COMMAND_TIMEOUT_S = 120;
  private static final String ROLE = "tls_it";
  // A throwaway role of a throwaway cluster, dropped with it after the class.
  private static final String PASSWORD = "tls-it-" + Long.toHexString(System.nanoTime());

  private static Path work;
  private static Path trustedCa;
  private static Path foreignCa;
  private static String cluster;
  private static int port;

  @BeforeAll
  static void startTlsCluster() throws Exception {
    Assumptions.assumeTrue(
        Files.isExecutable(Path.of("/usr/bin/pg_createcluster")),
        "Debian's postgresql-common (pg_createcluster) is needed");
    work = Files.createTempDirectory("pg-tls-it");
    Path certs = Files.createDirectories(work.resolve("server"));
    Path caDir = Files.createDirectories(work.resolve("trust:ca=1"));
    trustedCa = caDir.resolve("ca.pem");
    foreignCa = work.resolve("foreign-ca.pem");
    Path caKey = work.resolve("ca.key");
    makeCa(trustedCa, caKey, "fileparser-it-tls-ca");
    makeCa(foreignCa, work.resolve("foreign-ca.key"), "fileparser-it-tls-ca");
    Path serverKey = certs.resolve("server.key");
    Path serverCrt = certs.resolve("server.crt");
    Path csr = work.resolve("server.csr");
    Path extensions = work.resolve("server.ext");
    Files.writeString(
        extensions,
        "subjectAltName=DNS:localhost,IP:127.0.0.1\nextendedKeyUsage=serverAuth\n",
        StandardCharsets.US_ASCII);
    run(
        "openssl",
        "req",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-subj",
        "/CN=localhost",
        "-keyout",
        serverKey.toString(),
        "-out",
        csr.toString());
    run(
        "openssl",
        "x509",
        "-req",
        "-in",
        csr.toString(),
        "-CA",
        trustedCa.toString(),
        "-CAkey",
        caKey.toString(),
        "-CAcreateserial",
        "-days",
        "2",
        "-extfile",
        extensions.toString(),
        "-out",
        serverCrt.toString());
    // The server runs as postgres and refuses a key others may read.
    run("chown", "-R", "postgres:postgres", work.toString());
    Files.setPosixFilePermissions(serverKey, PosixFilePermissions.fromString("rw-------"));
    Files.setPosixFilePermissions(work, PosixFilePermissions.fromString("rwxr-xr-x"));

    port = freePort();
    cluster = "fileparser_tlsit_" + port;
    run("pg_createcluster", "--start-conf=manual", "-p", Integer.toString(port), VERSION, cluster);
    // Appended, so these win over what pg_createcluster wrote (it may set ssl itself).
    Files.writeString(
        Path.of("/etc/postgresql", VERSION, cluster, "postgresql.conf"),
        String.join(
            "\n",
            "",
            "ssl = on",
            "ssl_cert_file = '" + serverCrt + "'",
            "ssl_key_file = '" + serverKey + "'",
            "listen_addresses = '127.0.0.1,127.0.0.2'",
            ""),
        StandardCharsets.US_ASCII,
        StandardOpenOption.APPEND);
    // Only TLS: no plain host rule, so a connection without encryption finds no entry.
    Files.writeString(
        Path.of("/etc/postgresql", VERSION, cluster, "pg_hba.conf"),
        String.join(
            "\n",
            "local   all  postgres                peer",
            "hostssl all  all       127.0.0.0/8  scram-sha-256",
            ""),
        StandardCharsets.US_ASCII);
    run("pg_ctlcluster", "--skip-systemctl-redirect", VERSION, cluster, "start");
    // The pools log in as a role of their own with a password, as the application's pools do.
    run(
        "runuser",
        "-u",
        "postgres",
        "--",
        "psql",
        "-p",
        Integer.toString(port),
        "-X",
        "-q",
        "-v",
        "ON_ERROR_STOP=1",
        "-c",
        "create role " + ROLE + " login password '" + PASSWORD + "'");
  }

  @AfterAll
  static void dropTlsCluster() throws Exception {
    try {
      if (cluster != null) {
        run("pg_dropcluster", "--stop", VERSION, cluster);
      }
    } finally {
      if (work != null) {
        run("rm", "-rf", work.toString());
      }
    }
  }

  @Test
  void aPoolWithVerifyFullAndTheServersCaConnects() throws Exception {
    Result ping = pingPool("localhost", "verify-full", trustedCa);

    assertEquals(0, ping.exit(), ping::output);
  }

  @Test
  void aPoolTrustingAnotherCaIsRefusedAndSaysWhy() throws Exception {
    Result ping = pingPool("localhost", "verify-full", foreignCa);

    assertNotEquals(0, ping.exit(), ping::output);
    assertTrue(
        ping.output().contains("PKIX path") || ping.output().contains("certification path"),
        ping::output);
  }

  @Test
  void aHostNameTheCertificateDoesNotNameIsRefused() throws Exception {
    Result ping = pingPool("127.0.0.2", "verify-full", trustedCa);

    assertNotEquals(0, ping.exit(), ping::output);
    assertTrue(ping.output().toLowerCase(Locale.ROOT).contains("hostname"), ping::output);
  }

  @Test
  void aPoolWithoutTlsIsRefusedByTheServer() throws Exception {
    Result ping = pingPool("localhost", "disable", null);

    assertNotEquals(0, ping.exit(), ping::output);
    assertTrue(ping.output().contains("no encryption"), ping::output);
    assertTrue(ping.output().contains("no pg_hba.conf entry"), ping::output);
  }

  /** Creates a pool on the IT domain, pings it and deletes it again; the ping's result. */
  private static Result pingPool(String host, String sslMode, Path rootCert) throws Exception {
    String pool = "tls-it-" + sslMode + "-" + System.nanoTime();
    StringBuilder properties =
        new StringBuilder()
            .append("serverName=")
            .append(host)
            .append(":portNumber=")
            .append(port)
            .append(":databaseName=postgres:user=")
            .append(ROLE)
            .append(":password=")
            .append(PASSWORD)
            .append(":connectTimeout=10:loginTimeout=10:socketTimeout=30")
            .append(":sslmode=")
            .append(sslMode);
    if (rootCert != null) {
      properties.append(":sslrootcert=").append(escape(rootCert.toString()));
    }
    Result created =
        asadmin(
            "create-jdbc-connection-pool",
            "--datasourceclassname",
            "org.postgresql.ds.PGSimpleDataSource",
            "--restype",
            "javax.sql.DataSource",
            "--steadypoolsize",
            "0",
            "--property",
            properties.toString(),
            pool);
    assertEquals(0, created.exit(), created::output);
    try {
      return asadmin("ping-connection-pool", pool);
    } finally {
      Result deleted = asadmin("delete-jdbc-connection-pool", pool);
      assertEquals(0, deleted.exit(), deleted::output);
    }
  }

  /** asadmin's --property separates pairs at ':' and name from value at '='. */
  private static String escape(String value) {
    return value.replace(":", "\\:").replace("=", "\\=");
  }

  private static Result asadmin(String... command) throws IOException, InterruptedException {
    List<String> line = new ArrayList<>();
    line.add(TestEnvironment.varDir().resolve("payara6/bin/asadmin").toString());
    line.addAll(
        List.of(
            "--user",
            "admin",
            "--passwordfile",
            TestEnvironment.varDir()
                .resolve("keys/" + TestEnvironment.domain() + ".admin-password")
                .toString(),
            "--port",
            Integer.toString(TestEnvironment.adminUri().getPort())));
    line.addAll(List.of(command));
    return execute(line);
  }

  private static void run(String... command) throws IOException, InterruptedException {
    Result result = execute(List.of(command));
    assertEquals(0, result.exit(), () -> String.join(" ", command) + ":\n" + result.output());
  }

  private static Result execute(List<String> command) throws IOException, InterruptedException {
    Path output = Files.createTempFile("pg-tls-it-command", ".out");
    try {
      Process process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(output.toFile())
              .start();
      if (!process.waitFor(COMMAND_TIMEOUT_S, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        return new Result(-1, "timed out after " + COMMAND_TIMEOUT_S + " s: " + command);
      }
      return new Result(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(output);
    }
  }

  private static void makeCa(Path certificate, Path key, String name)
      throws IOException, InterruptedException {
    run(
        "openssl",
        "req",
        "-x509",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-days",
        "2",
        "-subj",
        "/CN=" + name,
        "-addext",
        "basicConstraints=critical,CA:TRUE",
        "-addext",
        "keyUsage=critical,keyCertSign,cRLSign",
        "-keyout",
        key.toString(),
        "-out",
        certificate.toString());
  }

  private static int freePort() throws IOException {
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return probe.getLocalPort();
    }
  }

  private record Result(int exit, String output) {}
}
