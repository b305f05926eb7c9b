package ai.flatkey.migrate.wire;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import okhttp3.Authenticator;
import okhttp3.Credentials;
import okhttp3.Request;

/** A {@link ProxySelector} from proxy environment variables, curl's rules. */
final class EnvProxySelector extends ProxySelector {

    /** A parsed proxy setting. */
    record Setting(Proxy proxy, String user, String password, String display) {
    }

    private final Setting http;
    private final Setting https;
    private final List<String> noProxy = new ArrayList<>();
    private final boolean noProxyAll;
    private final List<String> warnings = new ArrayList<>();

    EnvProxySelector(Map<String, String> env) {
        Setting all = parse(get(env, "all_proxy"), "ALL_PROXY");
        Setting h = parse(get(env, "http_proxy"), "HTTP_PROXY");
        Setting s = parse(get(env, "https_proxy"), "HTTPS_PROXY");
        this.http = h != null ? h : all;
        this.https = s != null ? s : all;
        boolean star = false;
        String np = get(env, "no_proxy");
        if (np != null) {
            for (String entry : np.split("[,\\s]+")) {
                String e = entry.strip().toLowerCase(Locale.ROOT);
                if (e.equals("*")) {
                    star = true;
                } else if (!e.isEmpty()) {
                    noProxy.add(e.startsWith("*.") ? e.substring(1) : e);
                }
            }
        }
        this.noProxyAll = star;
    }

    List<String> warnings() {
        return List.copyOf(warnings);
    }

    /** Lower-case name first (curl's rule), then upper case; blank counts as unset. */
    private static String get(Map<String, String> env, String lower) {
        String v = env.get(lower);
        if (v == null || v.isBlank()) {
            v = env.get(lower.toUpperCase(Locale.ROOT));
        }
        return v == null || v.isBlank() ? null : v.strip();
    }

    private Setting parse(String value, String name) {
        if (value == null) {
            return null;
        }
        String v = value.contains("://") ? value : "http://" + value;
        URI uri;
        try {
            uri = new URI(v);
        } catch (Exception e) {
            warnings.add(name + " is not a proxy address (" + Redactor.redact(value) + "): ignored.");
            return null;
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        String host = uri.getHost();
        if (host == null) {
            warnings.add(name + " names no proxy host (" + Redactor.redact(value) + "): ignored.");
            return null;
        }
        Proxy.Type type = scheme.startsWith("socks") ? Proxy.Type.SOCKS : Proxy.Type.HTTP;
        if (!scheme.equals("http") && !scheme.startsWith("socks")) {
            warnings.add(name + " uses " + scheme + "://; the proxy is spoken to in plain HTTP (CONNECT).");
        }
        int port = uri.getPort() != -1 ? uri.getPort() : type == Proxy.Type.SOCKS ? 1080
                : scheme.equals("https") ? 443 : 80;
        String user = null;
        String password = null;
        if (uri.getRawUserInfo() != null) {
            String[] parts = uri.getRawUserInfo().split(":", 2);
            user = URLDecoder.decode(parts[0], StandardCharsets.UTF_8);
            password = parts.length > 1 ? URLDecoder.decode(parts[1], StandardCharsets.UTF_8) : "";
        }
        return new Setting(new Proxy(type, InetSocketAddress.createUnresolved(host, port)), user, password,
                host + ":" + port);
    }

    @Override
    public List<Proxy> select(URI uri) {
        Setting s = settingFor(uri);
        return List.of(s == null ? Proxy.NO_PROXY : s.proxy());
    }

    String describe(URI uri) {
        Setting s = settingFor(uri);
        return s == null ? "" : s.display();
    }

    private Setting settingFor(URI uri) {
        String scheme = uri.getScheme() == null ? "http" : uri.getScheme().toLowerCase(Locale.ROOT);
        Setting s = scheme.equals("https") || scheme.equals("wss") ? https : http;
        if (s == null || uri.getHost() == null || bypass(uri.getHost(), uri.getPort() != -1 ? uri.getPort()
                : scheme.equals("https") ? 443 : 80)) {
            return null;
        }
        return s;
    }

    /** Loopback, {@code NO_PROXY=*}, or a {@code NO_PROXY} entry matching the host (domain suffix, IP, CIDR). */
    boolean bypass(String rawHost, int port) {
        String host = rawHost.toLowerCase(Locale.ROOT).replaceAll("^\\[|]$", "");
        if (noProxyAll || host.equals("localhost") || host.endsWith(".localhost") || host.equals("::1")
                || host.startsWith("127.")) {
            return true;
        }
        for (String entry : noProxy) {
            String e = entry;
            int entryPort = -1;
            int colon = e.lastIndexOf(':');
            if (colon > 0 && e.indexOf(':') == colon && e.substring(colon + 1).matches("\\d+")) {
                entryPort = Integer.parseInt(e.substring(colon + 1));
                e = e.substring(0, colon);
            }
            if (entryPort != -1 && entryPort != port) {
                continue;
            }
            if (e.contains("/") ? inCidr(host, e) : e.startsWith(".") ? host.endsWith(e) || host.equals(e.substring(1))
                    : host.equals(e) || host.endsWith("." + e)) {
                return true;
            }
        }
        return false;
    }

    private static boolean inCidr(String host, String cidr) {
        String[] parts = cidr.split("/", 2);
        if (!host.matches("[0-9.]+") || !parts[0].matches("[0-9.]+") || !parts[1].matches("\\d{1,2}")) {
            return false;
        }
        try {
            byte[] a = InetAddress.getByName(host).getAddress();
            byte[] b = InetAddress.getByName(parts[0]).getAddress();
            int bits = Integer.parseInt(parts[1]);
            if (a.length != 4 || b.length != 4 || bits > 32) {
                return false;
            }
            int ai = java.nio.ByteBuffer.wrap(a).getInt();
            int bi = java.nio.ByteBuffer.wrap(b).getInt();
            int mask = bits == 0 ? 0 : -1 << (32 - bits);
            return (ai & mask) == (bi & mask);
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void connectFailed(URI uri, SocketAddress sa, IOException ioe) {
        // OkHttp reports the failure to the caller; nothing to remember here.
    }

    /** Answers a proxy's 407 with the user and password from the proxy URL, once. */
    Authenticator authenticator() {
        return (route, response) -> {
            if (response.request().header("Proxy-Authorization") != null || route == null) {
                return null;
            }
            Setting s = route.proxy().equals(https == null ? null : https.proxy()) ? https : http;
            if (s == null || s.user() == null) {
                return null;
            }
            Request.Builder b = response.request().newBuilder();
            return b.header("Proxy-Authorization", Credentials.basic(s.user(), s.password())).build();
        };
    }
}
