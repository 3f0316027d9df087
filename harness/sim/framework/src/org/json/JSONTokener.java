package org.json;

/** Reads JSON text (and the lenient forms Android's parser accepts: unquoted names, ' quotes). */
public class JSONTokener {
    private final String in;
    private int pos;

    public JSONTokener(String in) {
        if (in != null && in.startsWith("\ufeff")) {
            in = in.substring(1);
        }
        this.in = in;
    }

    public Object nextValue() throws JSONException {
        int c = nextCleanInternal();
        switch (c) {
            case -1:
                throw syntaxError("End of input");
            case '{':
                return readObject();
            case '[':
                return readArray();
            case '\'':
            case '"':
                return nextString((char) c);
            default:
                pos--;
                return readLiteral();
        }
    }

    private int nextCleanInternal() throws JSONException {
        while (pos < in.length()) {
            int c = in.charAt(pos++);
            switch (c) {
                case '\t':
                case ' ':
                case '\n':
                case '\r':
                    continue;
                case '/':
                    if (pos < in.length() && (in.charAt(pos) == '/' || in.charAt(pos) == '*')) {
                        skipComment(in.charAt(pos++));
                        continue;
                    }
                    return c;
                case '#':
                    skipToEndOfLine();
                    continue;
                default:
                    return c;
            }
        }
        return -1;
    }

    private void skipComment(char kind) throws JSONException {
        if (kind == '*') {
            int end = in.indexOf("*/", pos);
            if (end == -1) {
                throw syntaxError("Unterminated comment");
            }
            pos = end + 2;
        } else {
            skipToEndOfLine();
        }
    }

    private void skipToEndOfLine() {
        while (pos < in.length() && in.charAt(pos) != '\r' && in.charAt(pos) != '\n') {
            pos++;
        }
    }

    public String nextString(char quote) throws JSONException {
        StringBuilder out = new StringBuilder();
        while (pos < in.length()) {
            char c = in.charAt(pos++);
            if (c == quote) {
                return out.toString();
            }
            if (c == '\\') {
                if (pos == in.length()) {
                    throw syntaxError("Unterminated escape sequence");
                }
                char escaped = in.charAt(pos++);
                switch (escaped) {
                    case 'u':
                        if (pos + 4 > in.length()) {
                            throw syntaxError("Unterminated escape sequence");
                        }
                        try {
                            out.append((char) Integer.parseInt(in.substring(pos, pos + 4), 16));
                        } catch (NumberFormatException e) {
                            throw syntaxError("Invalid escape sequence");
                        }
                        pos += 4;
                        break;
                    case 't':
                        out.append('\t');
                        break;
                    case 'b':
                        out.append('\b');
                        break;
                    case 'n':
                        out.append('\n');
                        break;
                    case 'r':
                        out.append('\r');
                        break;
                    case 'f':
                        out.append('\f');
                        break;
                    default:
                        out.append(escaped);
                }
            } else {
                out.append(c);
            }
        }
        throw syntaxError("Unterminated string");
    }

    private Object readLiteral() throws JSONException {
        int start = pos;
        while (pos < in.length() && ",:]}/\\\"'=; \t\n\r\f{[#".indexOf(in.charAt(pos)) == -1) {
            pos++;
        }
        String literal = in.substring(start, pos);
        if (literal.isEmpty()) {
            throw syntaxError("Expected literal value");
        }
        if ("null".equalsIgnoreCase(literal)) {
            return JSONObject.NULL;
        }
        if ("true".equalsIgnoreCase(literal)) {
            return Boolean.TRUE;
        }
        if ("false".equalsIgnoreCase(literal)) {
            return Boolean.FALSE;
        }
        if (literal.indexOf('.') == -1 && literal.indexOf('e') == -1 && literal.indexOf('E') == -1) {
            try {
                long value = Long.parseLong(literal);
                return value <= Integer.MAX_VALUE && value >= Integer.MIN_VALUE ? (Object) (int) value : value;
            } catch (NumberFormatException ignored) {
                // not an integer: a double or an unquoted string
            }
        }
        try {
            return Double.valueOf(literal);
        } catch (NumberFormatException ignored) {
            return literal;
        }
    }

    private JSONObject readObject() throws JSONException {
        JSONObject result = new JSONObject();
        int first = nextCleanInternal();
        if (first == '}') {
            return result;
        } else if (first != -1) {
            pos--;
        }
        while (true) {
            Object name = nextValue();
            if (!(name instanceof String)) {
                throw syntaxError(name == null ? "Names cannot be null" : "Names must be strings, but " + name
                        + " is of type " + name.getClass().getName());
            }
            int separator = nextCleanInternal();
            if (separator != ':' && separator != '=') {
                throw syntaxError("Expected ':' after " + name);
            }
            if (pos < in.length() && in.charAt(pos) == '>') {
                pos++;
            }
            result.put((String) name, nextValue());
            switch (nextCleanInternal()) {
                case '}':
                    return result;
                case ';':
                case ',':
                    continue;
                default:
                    throw syntaxError("Unterminated object");
            }
        }
    }

    private JSONArray readArray() throws JSONException {
        JSONArray result = new JSONArray();
        boolean hasTrailingSeparator = false;
        while (true) {
            switch (nextCleanInternal()) {
                case -1:
                    throw syntaxError("Unterminated array");
                case ']':
                    if (hasTrailingSeparator) {
                        result.put(null);
                    }
                    return result;
                case ',':
                case ';':
                    result.put(null);
                    hasTrailingSeparator = true;
                    continue;
                default:
                    pos--;
            }
            result.put(nextValue());
            switch (nextCleanInternal()) {
                case ']':
                    return result;
                case ',':
                case ';':
                    hasTrailingSeparator = true;
                    continue;
                default:
                    throw syntaxError("Unterminated array");
            }
        }
    }

    public JSONException syntaxError(String message) {
        return new JSONException(message + this);
    }

    @Override
    public String toString() {
        return " at character " + pos + " of " + in;
    }

    public boolean more() {
        return pos < in.length();
    }

    public char next() {
        return pos < in.length() ? in.charAt(pos++) : '\0';
    }

    public char nextClean() throws JSONException {
        int c = nextCleanInternal();
        return c == -1 ? '\0' : (char) c;
    }

    public void back() {
        if (--pos == -1) {
            pos = 0;
        }
    }
}
