package dev.greeting.emulator.http;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** RFC 3986 percent-decoding; unlike URLDecoder, a '+' in a path stays a '+'. */
public final class PercentDecoder {
    private PercentDecoder() {}

    public static String decode(String s) {
        if (s.indexOf('%') < 0) {
            return s;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
        int i = 0;
        while (i < s.length()) {
            int pct = s.indexOf('%', i);
            int end = pct < 0 ? s.length() : pct;
            byte[] literal = s.substring(i, end).getBytes(StandardCharsets.UTF_8);
            out.write(literal, 0, literal.length);
            if (pct < 0) {
                break;
            }
            int hi = pct + 2 < s.length() ? Character.digit(s.charAt(pct + 1), 16) : -1;
            int lo = pct + 2 < s.length() ? Character.digit(s.charAt(pct + 2), 16) : -1;
            if (hi >= 0 && lo >= 0) {
                out.write(hi * 16 + lo);
                i = pct + 3;
            } else {
                out.write('%');
                i = pct + 1;
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /** Decodes a query-string component, where '+' does mean a space. */
    public static String decodeQuery(String s) {
        return decode(s.replace('+', ' '));
    }
}
