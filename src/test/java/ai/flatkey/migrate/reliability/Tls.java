package ai.flatkey.migrate.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Certificates for the TLS fault cases, made with the JDK's keytool: a private CA, leaf certificates it signs (valid,
 * expired, for another host name), and a self-signed certificate no one trusts. Keystores are PKCS12, password
 * {@code changeit}.
 */
record Tls(Path caPem, Path valid, Path expired, Path wrongHost, Path selfSigned) {
    private static final String PASS = "changeit";

    static Tls make(Path dir) throws Exception {
        Path ca = dir.resolve("ca.p12");
        Path caPem = dir.resolve("ca.pem");
        keytool("-genkeypair", "-alias", "ca", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=Fault Matrix Test CA",
                "-ext", "bc:c", "-validity", "30", "-keystore", ca.toString(), "-storetype", "PKCS12", "-storepass", PASS);
        keytool("-exportcert", "-rfc", "-alias", "ca", "-keystore", ca.toString(), "-storepass", PASS, "-file", caPem.toString());
        Path valid = leaf(dir, "valid", ca, caPem, "SAN=ip:127.0.0.1,dns:localhost", null, "30");
        Path expired = leaf(dir, "expired", ca, caPem, "SAN=ip:127.0.0.1,dns:localhost", "-10d", "2");
        Path wrongHost = leaf(dir, "wronghost", ca, caPem, "SAN=dns:gateway.other.example", null, "30");
        Path selfSigned = dir.resolve("selfsigned.p12");
        keytool("-genkeypair", "-alias", "gw", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=127.0.0.1",
                "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-validity", "2", "-keystore", selfSigned.toString(),
                "-storetype", "PKCS12", "-storepass", PASS);
        return new Tls(caPem, valid, expired, wrongHost, selfSigned);
    }

    private static Path leaf(Path dir, String name, Path ca, Path caPem, String san, String start, String days)
            throws Exception {
        Path ks = dir.resolve(name + ".p12");
        Path csr = dir.resolve(name + ".csr");
        Path pem = dir.resolve(name + ".pem");
        keytool("-genkeypair", "-alias", "gw", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=" + name,
                "-keystore", ks.toString(), "-storetype", "PKCS12", "-storepass", PASS);
        keytool("-certreq", "-alias", "gw", "-keystore", ks.toString(), "-storepass", PASS, "-file", csr.toString());
        if (start == null) {
            keytool("-gencert", "-alias", "ca", "-keystore", ca.toString(), "-storepass", PASS, "-infile", csr.toString(),
                    "-outfile", pem.toString(), "-rfc", "-ext", san, "-validity", days);
        } else {
            keytool("-gencert", "-alias", "ca", "-keystore", ca.toString(), "-storepass", PASS, "-infile", csr.toString(),
                    "-outfile", pem.toString(), "-rfc", "-ext", san, "-startdate", start, "-validity", days);
        }
        keytool("-importcert", "-noprompt", "-alias", "ca", "-keystore", ks.toString(), "-storepass", PASS, "-file",
                caPem.toString());
        keytool("-importcert", "-alias", "gw", "-keystore", ks.toString(), "-storepass", PASS, "-file", pem.toString());
        return ks;
    }

    private static void keytool(String... args) throws Exception {
        String[] command = new String[args.length + 1];
        command[0] = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        System.arraycopy(args, 0, command, 1, args.length);
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(String.join(" ", command) + "\n" + out).isZero();
    }
}
