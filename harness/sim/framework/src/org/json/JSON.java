package org.json;

/** Coercions shared by JSONObject and JSONArray, with Android's rules (getInt of "12" is 12). */
final class JSON {
    private JSON() {
    }

    static double checkDouble(double d) throws JSONException {
        if (Double.isInfinite(d) || Double.isNaN(d)) {
            throw new JSONException("Forbidden numeric value: " + d);
        }
        return d;
    }

    static Boolean toBoolean(Object value) {
        if (value instanceof Boolean) {
            return (Boolean) value;
        }
        if (value instanceof String) {
            String text = (String) value;
            if ("true".equalsIgnoreCase(text)) {
                return true;
            }
            if ("false".equalsIgnoreCase(text)) {
                return false;
            }
        }
        return null;
    }

    static Double toDouble(Object value) {
        if (value instanceof Number) {
            return ((Number) value).doubleValue();
        }
        if (value instanceof String) {
            try {
                return Double.valueOf((String) value);
            } catch (NumberFormatException ignored) {
                return null;
            }
        }
        return null;
    }

    static Integer toInteger(Object value) {
        Double d = value instanceof Integer ? null : toDouble(value);
        if (value instanceof Integer) {
            return (Integer) value;
        }
        return d == null ? null : d.intValue();
    }

    static Long toLong(Object value) {
        if (value instanceof Long || value instanceof Integer) {
            return ((Number) value).longValue();
        }
        Double d = toDouble(value);
        return d == null ? null : d.longValue();
    }

    static String toString(Object value) {
        if (value instanceof String) {
            return (String) value;
        }
        return value == null ? null : String.valueOf(value);
    }

    static JSONException typeMismatch(Object where, Object actual, String requiredType) {
        if (actual == null) {
            return new JSONException("Value at " + where + " is null.");
        }
        return new JSONException("Value " + actual + " at " + where + " of type " + actual.getClass().getName()
                + " cannot be converted to " + requiredType);
    }

    static void quote(StringBuilder out, String text) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"':
                case '\\':
                case '/':
                    out.append('\\').append(c);
                    break;
                case '\t':
                    out.append("\\t");
                    break;
                case '\b':
                    out.append("\\b");
                    break;
                case '\n':
                    out.append("\\n");
                    break;
                case '\r':
                    out.append("\\r");
                    break;
                case '\f':
                    out.append("\\f");
                    break;
                default:
                    if (c <= 0x1F) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
            }
        }
        out.append('"');
    }

    static String numberText(Number number) {
        double d = number.doubleValue();
        if (number instanceof Double || number instanceof Float) {
            long l = (long) d;
            if (d == l && Math.abs(d) < 1e15) {
                return Long.toString(l);
            }
            return Double.toString(d);
        }
        return number.toString();
    }

    /** One value as JSON text, indented by `indent` spaces per level (0: compact). */
    static void write(StringBuilder out, Object value, int indent, int level) {
        if (value == null || value == JSONObject.NULL) {
            out.append("null");
        } else if (value instanceof JSONObject) {
            ((JSONObject) value).writeTo(out, indent, level);
        } else if (value instanceof JSONArray) {
            ((JSONArray) value).writeTo(out, indent, level);
        } else if (value instanceof Number) {
            out.append(numberText((Number) value));
        } else if (value instanceof Boolean) {
            out.append(value);
        } else {
            quote(out, value.toString());
        }
    }

    static void newline(StringBuilder out, int indent, int level) {
        if (indent > 0) {
            out.append('\n');
            for (int i = 0; i < indent * level; i++) {
                out.append(' ');
            }
        }
    }
}
