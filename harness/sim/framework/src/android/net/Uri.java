package android.net;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

public abstract class Uri implements Comparable<Uri> {
    public static final Uri EMPTY = new StringUri("");

    private static final String UNRESERVED = "_-!.~'()*";

    Uri() {}

    public static Uri parse(String uriString) {
        if (uriString == null) {
            throw new NullPointerException("uriString");
        }
        return new StringUri(uriString);
    }

    public static Uri fromParts(String scheme, String ssp, String fragment) {
        if (scheme == null) {
            throw new NullPointerException("scheme");
        }
        if (ssp == null) {
            throw new NullPointerException("ssp");
        }
        String text = scheme + ":" + encode(ssp, "/@:");
        if (fragment != null) {
            text += "#" + encode(fragment);
        }
        return new StringUri(text);
    }

    public static Uri withAppendedPath(Uri baseUri, String pathSegment) {
        String base = baseUri.toString();
        int cut = firstOf(base, "?#", 0);
        String head = cut < 0 ? base : base.substring(0, cut);
        String tail = cut < 0 ? "" : base.substring(cut);
        if (!head.endsWith("/")) {
            head += "/";
        }
        return new StringUri(head + encode(pathSegment) + tail);
    }

    public static String encode(String s) {
        return encode(s, null);
    }

    public static String encode(String s, String allow) {
        if (s == null) {
            return null;
        }
        StringBuilder out = new StringBuilder();
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            boolean plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || UNRESERVED.indexOf(c) >= 0 || (allow != null && allow.indexOf(c) >= 0);
            if (plain) {
                out.append(c);
            } else {
                out.append('%').append(String.format(Locale.ROOT, "%02X", b & 0xff));
            }
        }
        return out.toString();
    }

    public static String decode(String s) {
        return s == null ? null : decode(s, false);
    }

    static String decode(String s, boolean plusIsSpace) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%' && i + 2 < s.length() + 0 && isHex(s, i + 1) && isHex(s, i + 2)) {
                bytes.write(Integer.parseInt(s.substring(i + 1, i + 3), 16));
                i += 2;
            } else if (c == '+' && plusIsSpace) {
                bytes.write(' ');
            } else {
                byte[] encoded = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                if (Character.isHighSurrogate(c) && i + 1 < s.length()) {
                    encoded = s.substring(i, i + 2).getBytes(StandardCharsets.UTF_8);
                    i++;
                }
                bytes.write(encoded, 0, encoded.length);
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static boolean isHex(String s, int i) {
        return i < s.length() && Character.digit(s.charAt(i), 16) >= 0;
    }

    static int firstOf(String s, String chars, int from) {
        for (int i = from; i < s.length(); i++) {
            if (chars.indexOf(s.charAt(i)) >= 0) {
                return i;
            }
        }
        return -1;
    }

    public abstract boolean isHierarchical();

    public boolean isOpaque() {
        return !isHierarchical();
    }

    public abstract boolean isRelative();

    public boolean isAbsolute() {
        return !isRelative();
    }

    public abstract String getScheme();

    public abstract String getSchemeSpecificPart();

    public abstract String getEncodedSchemeSpecificPart();

    public abstract String getAuthority();

    public abstract String getEncodedAuthority();

    public abstract String getUserInfo();

    public abstract String getHost();

    public abstract int getPort();

    public abstract String getPath();

    public abstract String getEncodedPath();

    public abstract String getQuery();

    public abstract String getEncodedQuery();

    public abstract String getFragment();

    public abstract String getEncodedFragment();

    public abstract List<String> getPathSegments();

    public abstract String getLastPathSegment();

    public Set<String> getQueryParameterNames() {
        String query = getEncodedQuery();
        if (query == null) {
            return Collections.emptySet();
        }
        Set<String> names = new LinkedHashSet<>();
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            names.add(decode(eq < 0 ? pair : pair.substring(0, eq), false));
        }
        return Collections.unmodifiableSet(names);
    }

    public List<String> getQueryParameters(String key) {
        String query = getEncodedQuery();
        if (query == null) {
            return Collections.emptyList();
        }
        List<String> values = new ArrayList<>();
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq), false);
            if (name.equals(key)) {
                values.add(eq < 0 ? "" : decode(pair.substring(eq + 1), true));
            }
        }
        return Collections.unmodifiableList(values);
    }

    public String getQueryParameter(String key) {
        if (isOpaque()) {
            throw new UnsupportedOperationException("This isn't a hierarchical URI.");
        }
        if (key == null) {
            throw new NullPointerException("key");
        }
        List<String> values = getQueryParameters(key);
        return values.isEmpty() ? null : values.get(0);
    }

    public boolean getBooleanQueryParameter(String key, boolean defaultValue) {
        String flag = getQueryParameter(key);
        if (flag == null) {
            return defaultValue;
        }
        flag = flag.toLowerCase(Locale.ROOT);
        return !"false".equals(flag) && !"0".equals(flag);
    }

    public Uri normalizeScheme() {
        String scheme = getScheme();
        if (scheme == null || scheme.equals(scheme.toLowerCase(Locale.ROOT))) {
            return this;
        }
        return parse(scheme.toLowerCase(Locale.ROOT) + toString().substring(scheme.length()));
    }

    /** As Android: the form safe for logs (personal parts of tel:, mailto: etc. are masked). */
    public String toSafeString() {
        String scheme = getScheme();
        String ssp = getSchemeSpecificPart();
        if (scheme != null) {
            String lower = scheme.toLowerCase(Locale.ROOT);
            if (lower.equals("tel") || lower.equals("sip") || lower.equals("sms") || lower.equals("smsto")
                    || lower.equals("mailto") || lower.equals("nfc")) {
                StringBuilder b = new StringBuilder(64).append(scheme).append(':');
                if (ssp != null) {
                    for (int i = 0; i < ssp.length(); i++) {
                        char c = ssp.charAt(i);
                        b.append(c == '-' || c == '@' || c == '.' ? c : 'x');
                    }
                }
                return b.toString();
            }
            if (lower.equals("http") || lower.equals("https") || lower.equals("ftp") || lower.equals("rtsp")) {
                ssp = "//" + (getHost() != null ? getHost() : "") + (getPort() != -1 ? ":" + getPort() : "")
                        + "/...";
            }
        }
        StringBuilder b = new StringBuilder(64);
        if (scheme != null) {
            b.append(scheme).append(':');
        }
        if (ssp != null) {
            b.append(ssp);
        }
        return b.toString();
    }

    @Override
    public abstract String toString();

    @Override
    public boolean equals(Object o) {
        return o instanceof Uri && toString().equals(o.toString());
    }

    @Override
    public int hashCode() {
        return toString().hashCode();
    }

    @Override
    public int compareTo(Uri other) {
        return toString().compareTo(other.toString());
    }

    private static final class StringUri extends Uri {
        private final String text;
        private final String scheme;
        private final String ssp;
        private final String fragment;
        private final String authority;
        private final String path;
        private final String query;

        StringUri(String text) {
            this.text = text;
            int colon = text.indexOf(':');
            int firstDelimiter = firstOf(text, "/?#", 0);
            if (colon > 0 && (firstDelimiter < 0 || colon < firstDelimiter)) {
                scheme = text.substring(0, colon);
            } else {
                scheme = null;
            }
            int sspStart = scheme == null ? 0 : colon + 1;
            int hash = text.indexOf('#', sspStart);
            ssp = hash < 0 ? text.substring(sspStart) : text.substring(sspStart, hash);
            fragment = hash < 0 ? null : text.substring(hash + 1);
            if (scheme == null || ssp.startsWith("/")) {
                String rest = ssp;
                if (rest.startsWith("//")) {
                    int end = firstOf(rest, "/?", 2);
                    authority = end < 0 ? rest.substring(2) : rest.substring(2, end);
                    rest = end < 0 ? "" : rest.substring(end);
                } else {
                    authority = null;
                }
                int q = rest.indexOf('?');
                path = q < 0 ? rest : rest.substring(0, q);
                query = q < 0 ? null : rest.substring(q + 1);
            } else {
                authority = null;
                path = null;
                query = null;
            }
        }

        @Override
        public boolean isHierarchical() {
            return scheme == null || ssp.startsWith("/");
        }

        @Override
        public boolean isRelative() {
            return scheme == null;
        }

        @Override
        public String getScheme() {
            return scheme;
        }

        @Override
        public String getSchemeSpecificPart() {
            return decode(ssp);
        }

        @Override
        public String getEncodedSchemeSpecificPart() {
            return ssp;
        }

        @Override
        public String getAuthority() {
            return decode(authority);
        }

        @Override
        public String getEncodedAuthority() {
            return authority;
        }

        @Override
        public String getUserInfo() {
            if (authority == null) {
                return null;
            }
            int at = authority.lastIndexOf('@');
            return at < 0 ? null : decode(authority.substring(0, at));
        }

        private String hostAndPort() {
            int at = authority.lastIndexOf('@');
            return at < 0 ? authority : authority.substring(at + 1);
        }

        @Override
        public String getHost() {
            if (authority == null) {
                return null;
            }
            String hp = hostAndPort();
            int colon = hp.lastIndexOf(':');
            if (colon >= 0 && hp.indexOf(']', colon) < 0) {
                hp = hp.substring(0, colon);
            }
            return decode(hp);
        }

        @Override
        public int getPort() {
            if (authority == null) {
                return -1;
            }
            String hp = hostAndPort();
            int colon = hp.lastIndexOf(':');
            if (colon < 0 || hp.indexOf(']', colon) >= 0) {
                return -1;
            }
            try {
                return Integer.parseInt(hp.substring(colon + 1));
            } catch (NumberFormatException e) {
                return -1;
            }
        }

        @Override
        public String getPath() {
            return decode(path);
        }

        @Override
        public String getEncodedPath() {
            return path;
        }

        @Override
        public String getQuery() {
            return decode(query);
        }

        @Override
        public String getEncodedQuery() {
            return query;
        }

        @Override
        public String getFragment() {
            return decode(fragment);
        }

        @Override
        public String getEncodedFragment() {
            return fragment;
        }

        @Override
        public List<String> getPathSegments() {
            if (path == null) {
                return Collections.emptyList();
            }
            List<String> segments = new ArrayList<>();
            for (String segment : path.split("/")) {
                if (!segment.isEmpty()) {
                    segments.add(decode(segment));
                }
            }
            return Collections.unmodifiableList(segments);
        }

        @Override
        public String getLastPathSegment() {
            List<String> segments = getPathSegments();
            return segments.isEmpty() ? null : segments.get(segments.size() - 1);
        }

        @Override
        public String toString() {
            return text;
        }
    }
}
