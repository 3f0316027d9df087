package android.util;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Android's base64 codec: the flags, line wrapping and decoding leniency of
 * frameworks/base/core/java/android/util/Base64.java (AOSP) and
 * https://developer.android.com/reference/android/util/Base64 — written for the sim.
 *
 * DEFAULT pads with '=' and ends every line of 76 characters (19 groups of 4) with '\n', including
 * the last, unfinished one; NO_WRAP leaves the breaks out, CRLF writes "\r\n", NO_PADDING drops
 * the '=', URL_SAFE uses '-' and '_'. Decoding skips whitespace and stops at padding.
 */
public final class Base64 {
    public static final int DEFAULT = 0;
    public static final int NO_PADDING = 1;
    public static final int NO_WRAP = 2;
    public static final int CRLF = 4;
    public static final int URL_SAFE = 8;
    public static final int NO_CLOSE = 16;

    private static final int LINE_GROUPS = 19;
    private static final char[] STANDARD =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".toCharArray();
    private static final char[] WEB_SAFE =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".toCharArray();

    private Base64() {
    }

    public static byte[] encode(byte[] input, int flags) {
        return encode(input, 0, input.length, flags);
    }

    public static byte[] encode(byte[] input, int offset, int len, int flags) {
        return encodeText(input, offset, len, flags).getBytes(StandardCharsets.US_ASCII);
    }

    public static String encodeToString(byte[] input, int flags) {
        return encodeToString(input, 0, input.length, flags);
    }

    public static String encodeToString(byte[] input, int offset, int len, int flags) {
        return encodeText(input, offset, len, flags);
    }

    private static String encodeText(byte[] input, int offset, int len, int flags) {
        if (offset < 0 || len < 0 || offset + len > input.length) {
            throw new ArrayIndexOutOfBoundsException("offset " + offset + " len " + len);
        }
        char[] alphabet = (flags & URL_SAFE) != 0 ? WEB_SAFE : STANDARD;
        boolean pad = (flags & NO_PADDING) == 0;
        boolean wrap = (flags & NO_WRAP) == 0;
        String newline = (flags & CRLF) != 0 ? "\r\n" : "\n";
        StringBuilder out = new StringBuilder(len * 4 / 3 + 4);
        int groups = 0;
        int end = offset + len;
        int i = offset;
        for (; i + 3 <= end; i += 3) {
            int n = (input[i] & 0xff) << 16 | (input[i + 1] & 0xff) << 8 | (input[i + 2] & 0xff);
            out.append(alphabet[n >> 18]).append(alphabet[(n >> 12) & 63])
                    .append(alphabet[(n >> 6) & 63]).append(alphabet[n & 63]);
            if (wrap && ++groups == LINE_GROUPS) {
                out.append(newline);
                groups = 0;
            }
        }
        int left = end - i;
        if (left > 0) {
            int n = (input[i] & 0xff) << 16 | (left == 2 ? (input[i + 1] & 0xff) << 8 : 0);
            out.append(alphabet[n >> 18]).append(alphabet[(n >> 12) & 63]);
            if (left == 2) {
                out.append(alphabet[(n >> 6) & 63]);
            }
            if (pad) {
                out.append(left == 2 ? "=" : "==");
            }
            groups++;
        }
        if (wrap && groups > 0) {
            out.append(newline);
        }
        return out.toString();
    }

    public static byte[] decode(String str, int flags) {
        return decode(str.getBytes(StandardCharsets.US_ASCII), flags);
    }

    public static byte[] decode(byte[] input, int flags) {
        return decode(input, 0, input.length, flags);
    }

    /** Either alphabet's characters are accepted only as the flags say; whitespace is skipped. */
    public static byte[] decode(byte[] input, int offset, int len, int flags) {
        char[] alphabet = (flags & URL_SAFE) != 0 ? WEB_SAFE : STANDARD;
        int[] values = new int[128];
        java.util.Arrays.fill(values, -1);
        for (int k = 0; k < alphabet.length; k++) {
            values[alphabet[k]] = k;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(len * 3 / 4);
        int bits = 0;
        int count = 0;
        boolean padding = false;
        for (int i = offset; i < offset + len; i++) {
            int c = input[i] & 0xff;
            if (c == ' ' || c == '\n' || c == '\r' || c == '\t') {
                continue;
            }
            if (c == '=') {
                padding = true;
                continue;
            }
            if (padding || c >= 128 || values[c] < 0) {
                throw new IllegalArgumentException("bad base-64");
            }
            bits = bits << 6 | values[c];
            if (++count == 4) {
                out.write(bits >> 16);
                out.write(bits >> 8);
                out.write(bits);
                bits = 0;
                count = 0;
            }
        }
        if (count == 1) {
            throw new IllegalArgumentException("bad base-64");
        }
        if (count == 2) {
            out.write(bits >> 4);
        } else if (count == 3) {
            out.write(bits >> 10);
            out.write(bits >> 2);
        }
        return out.toByteArray();
    }
}
