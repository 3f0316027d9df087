package android.net;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** An immutable, lenient URI reference (never throws on odd input, as Android's). */
public abstract class Uri implements Comparable<Uri> {
    public static final Uri EMPTY = new StringUri("");
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private Uri() {
    }

    public static Uri parse(String uriString) {
        if (uriString == null) {
            throw new NullPointerException("uriString");
        }
        return new StringUri(uriString);
    }

    public static Uri fromParts(String scheme, String ssp, String fragment) {
        StringBuilder s = new StringBuilder(scheme).append(':').append(encode(ssp, null));
        if (fragment != null) {
            s.append('#').append(encode(fragment, null));
        }
        return new StringUri(s.toString());
    }

    public static Uri withAppendedPath(Uri baseUri, String pathSegment) {
        return baseUri.buildUpon().appendEncodedPath(pathSegment).build();
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

    public abstract boolean isHierarchical();

    public boolean isOpaque() {
        return !isHierarchical();
    }

    public boolean isRelative() {
        return getScheme() == null;
    }

    public boolean isAbsolute() {
        return !isRelative();
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

    public Set<String> getQueryParameterNames() {
        Set<String> names = new LinkedHashSet<>();
        String query = getEncodedQuery();
        if (query == null) {
            return names;
        }
        for (String pair : query.split("&")) {
            if (!pair.isEmpty()) {
                int eq = pair.indexOf('=');
                names.add(decode(eq < 0 ? pair : pair.substring(0, eq)));
            }
        }
        return Collections.unmodifiableSet(names);
    }

    public List<String> getQueryParameters(String key) {
        List<String> values = new ArrayList<>();
        String query = getEncodedQuery();
        if (query == null) {
            return values;
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            if (name.equals(key)) {
                values.add(eq < 0 ? "" : decode(pair.substring(eq + 1).replace('+', ' ')));
            }
        }
        return values;
    }

    public String getQueryParameter(String key) {
        List<String> values = getQueryParameters(key);
        return values.isEmpty() ? null : values.get(0);
    }

    public boolean getBooleanQueryParameter(String key, boolean defaultValue) {
        String flag = getQueryParameter(key);
        if (flag == null) {
            return defaultValue;
        }
        flag = flag.toLowerCase();
        return !"false".equals(flag) && !"0".equals(flag);
    }

    public Uri normalizeScheme() {
        String scheme = getScheme();
        if (scheme == null || scheme.equals(scheme.toLowerCase())) {
            return this;
        }
        return new StringUri(scheme.toLowerCase() + toString().substring(scheme.length()));
    }

    public Builder buildUpon() {
        Builder b = new Builder().scheme(getScheme());
        if (!isHierarchical()) {
            return b.encodedOpaquePart(getEncodedSchemeSpecificPart()).encodedFragment(getEncodedFragment());
        }
        return b.encodedAuthority(getEncodedAuthority()).encodedPath(getEncodedPath()).encodedQuery(getEncodedQuery())
                .encodedFragment(getEncodedFragment());
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
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "_-!.~'()*".indexOf(c) >= 0
                    || (allow != null && allow.indexOf(c) >= 0)) {
                out.append(c);
            } else {
                out.append('%').append(HEX[(b >> 4) & 0xf]).append(HEX[b & 0xf]);
            }
        }
        return out.toString();
    }

    public static String decode(String s) {
        if (s == null) {
            return null;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '%' && i + 2 < s.length() && Character.digit(s.charAt(i + 1), 16) >= 0
                    && Character.digit(s.charAt(i + 2), 16) >= 0) {
                out.write(Character.digit(s.charAt(i + 1), 16) * 16 + Character.digit(s.charAt(i + 2), 16));
                i += 3;
                continue;
            }
            int end = Character.isHighSurrogate(c) && i + 1 < s.length() ? i + 2 : i + 1;
            byte[] bytes = s.substring(i, end).getBytes(StandardCharsets.UTF_8);
            out.write(bytes, 0, bytes.length);
            i = end;
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static final class StringUri extends Uri {
        private final String uriString;
        private final String scheme;
        private final String ssp;
        private final String fragment;
        private final String authority;
        private final String path;
        private final String query;

        StringUri(String uriString) {
            this.uriString = uriString;
            int hash = uriString.indexOf('#');
            String beforeFragment = hash < 0 ? uriString : uriString.substring(0, hash);
            fragment = hash < 0 ? null : uriString.substring(hash + 1);
            int colon = beforeFragment.indexOf(':');
            int firstSeparator = indexOfAny(beforeFragment, "/?#", 0);
            if (colon > 0 && (firstSeparator < 0 || colon < firstSeparator)
                    && validScheme(beforeFragment.substring(0, colon))) {
                scheme = beforeFragment.substring(0, colon);
                ssp = beforeFragment.substring(colon + 1);
            } else {
                scheme = null;
                ssp = beforeFragment;
            }
            boolean hierarchical = scheme == null || ssp.startsWith("/") || ssp.isEmpty();
            String rest = ssp;
            if (hierarchical && rest.startsWith("//")) {
                int end = indexOfAny(rest, "/?", 2);
                authority = end < 0 ? rest.substring(2) : rest.substring(2, end);
                rest = end < 0 ? "" : rest.substring(end);
            } else {
                authority = null;
            }
            if (hierarchical) {
                int q = rest.indexOf('?');
                path = q < 0 ? rest : rest.substring(0, q);
                query = q < 0 ? null : rest.substring(q + 1);
            } else {
                path = null;
                query = null;
            }
        }

        private static boolean validScheme(String s) {
            if (s.isEmpty() || !Character.isLetter(s.charAt(0))) {
                return false;
            }
            for (char c : s.toCharArray()) {
                if (!(Character.isLetterOrDigit(c) || c == '+' || c == '-' || c == '.')) {
                    return false;
                }
            }
            return true;
        }

        private static int indexOfAny(String s, String chars, int from) {
            for (int i = from; i < s.length(); i++) {
                if (chars.indexOf(s.charAt(i)) >= 0) {
                    return i;
                }
            }
            return -1;
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
            if (authority == null) {
                return null;
            }
            int at = authority.lastIndexOf('@');
            return at < 0 ? authority : authority.substring(at + 1);
        }

        @Override
        public String getHost() {
            String hostPort = hostAndPort();
            if (hostPort == null) {
                return null;
            }
            int colon = hostPort.lastIndexOf(':');
            if (colon >= 0 && hostPort.indexOf(']', colon) < 0) {
                hostPort = hostPort.substring(0, colon);
            }
            return decode(hostPort);
        }

        @Override
        public int getPort() {
            String hostPort = hostAndPort();
            if (hostPort == null) {
                return -1;
            }
            int colon = hostPort.lastIndexOf(':');
            if (colon < 0 || hostPort.indexOf(']', colon) >= 0) {
                return -1;
            }
            try {
                return Integer.parseInt(hostPort.substring(colon + 1));
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
            List<String> segments = new ArrayList<>();
            if (path != null) {
                for (String segment : path.split("/")) {
                    if (!segment.isEmpty()) {
                        segments.add(decode(segment));
                    }
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
        public boolean isHierarchical() {
            return path != null;
        }

        @Override
        public String toString() {
            return uriString;
        }
    }

    public static final class Builder {
        private String scheme;
        private String opaque;
        private String authority;
        private String path;
        private String query;
        private String fragment;

        public Builder() {
        }

        public Builder scheme(String scheme) {
            this.scheme = scheme;
            return this;
        }

        public Builder opaquePart(String opaquePart) {
            this.opaque = encode(opaquePart, null);
            return this;
        }

        public Builder encodedOpaquePart(String opaquePart) {
            this.opaque = opaquePart;
            return this;
        }

        public Builder authority(String authority) {
            this.authority = encode(authority, "@:[]");
            return this;
        }

        public Builder encodedAuthority(String authority) {
            this.authority = authority;
            return this;
        }

        public Builder path(String path) {
            this.path = encode(path, "/");
            return this;
        }

        public Builder encodedPath(String path) {
            this.path = path;
            return this;
        }

        public Builder appendPath(String newSegment) {
            return appendEncodedPath(encode(newSegment, null));
        }

        public Builder appendEncodedPath(String newSegment) {
            if (path == null || path.isEmpty()) {
                path = newSegment.startsWith("/") ? newSegment : "/" + newSegment;
            } else if (path.endsWith("/") || newSegment.startsWith("/")) {
                path = path + newSegment;
            } else {
                path = path + "/" + newSegment;
            }
            return this;
        }

        public Builder query(String query) {
            this.query = encode(query, "=&");
            return this;
        }

        public Builder encodedQuery(String query) {
            this.query = query;
            return this;
        }

        public Builder appendQueryParameter(String key, String value) {
            String pair = encode(key, null) + "=" + encode(value, null);
            query = query == null || query.isEmpty() ? pair : query + "&" + pair;
            return this;
        }

        public Builder clearQuery() {
            query = null;
            return this;
        }

        public Builder fragment(String fragment) {
            this.fragment = encode(fragment, null);
            return this;
        }

        public Builder encodedFragment(String fragment) {
            this.fragment = fragment;
            return this;
        }

        public Uri build() {
            StringBuilder s = new StringBuilder();
            if (scheme != null) {
                s.append(scheme).append(':');
            }
            if (opaque != null) {
                s.append(opaque);
            } else {
                if (authority != null) {
                    s.append("//").append(authority);
                }
                if (path != null) {
                    if (authority != null && !path.isEmpty() && !path.startsWith("/")) {
                        s.append('/');
                    }
                    s.append(path);
                }
                if (query != null) {
                    s.append('?').append(query);
                }
            }
            if (fragment != null) {
                s.append('#').append(fragment);
            }
            return new StringUri(s.toString());
        }

        @Override
        public String toString() {
            return build().toString();
        }
    }
}
