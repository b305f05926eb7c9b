package ai.flatkey.migrate.wire;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/** The system's trusted CAs plus the certificates of a PEM bundle, as one verifying trust manager. */
final class TrustBundle {
    private static final Pattern PEM = Pattern.compile(
            "-----BEGIN CERTIFICATE-----([A-Za-z0-9+/=\\s]*?)-----END CERTIFICATE-----");

    private TrustBundle() {
    }

    /**
     * @throws IllegalArgumentException with a plain-language message when the file is missing, unreadable, holds
     *                                  no certificate or a damaged one
     */
    static X509TrustManager withBundle(Path pem) {
        List<X509Certificate> extra = read(pem);
        try {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int i = 0;
            for (X509Certificate c : systemTrust().getAcceptedIssuers()) {
                store.setCertificateEntry("system-" + i++, c);
            }
            i = 0;
            for (X509Certificate c : extra) {
                store.setCertificateEntry("bundle-" + i++, c);
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(store);
            return x509(tmf.getTrustManagers());
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("could not build a trust store: " + e.getMessage(), e);
        }
    }

    static X509TrustManager systemTrust() {
        try {
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init((KeyStore) null);
            return x509(tmf.getTrustManagers());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the Java runtime has no usable trust store: " + e.getMessage(), e);
        }
    }

    static List<X509Certificate> read(Path pem) {
        String text;
        try {
            text = Files.readString(pem, StandardCharsets.ISO_8859_1);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new IllegalArgumentException("The CA bundle " + pem + " does not exist: check the path of the PEM "
                    + "file.", e);
        } catch (IOException e) {
            throw new IllegalArgumentException("The CA bundle " + pem + " could not be read (" + e.getMessage()
                    + "): check the file's permissions.", e);
        }
        List<X509Certificate> certs = new ArrayList<>();
        Matcher m = PEM.matcher(text);
        try {
            CertificateFactory cf = CertificateFactory.getInstance("X.509");
            while (m.find()) {
                byte[] der = Base64.getMimeDecoder().decode(m.group(1).strip());
                Certificate c = cf.generateCertificate(new ByteArrayInputStream(der));
                certs.add((X509Certificate) c);
            }
        } catch (CertificateException | IllegalArgumentException e) {
            throw new IllegalArgumentException("The CA bundle " + pem + " holds a damaged certificate (number "
                    + (certs.size() + 1) + "): export the CA again as PEM.", e);
        }
        if (certs.isEmpty()) {
            throw new IllegalArgumentException("The CA bundle " + pem + " holds no PEM certificate: it must contain "
                    + "one or more blocks starting with -----BEGIN CERTIFICATE----- (export the CA as PEM, not DER).");
        }
        return certs;
    }

    private static X509TrustManager x509(TrustManager[] managers) {
        for (TrustManager m : managers) {
            if (m instanceof X509TrustManager x) {
                return x;
            }
        }
        throw new IllegalStateException("no X.509 trust manager");
    }
}
