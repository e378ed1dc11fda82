package io.slipstream.iracing.session;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Turns the session-info bytes into text (spec §1.5): the sim writes windows-1252 unless the user opted in to
 * UTF-8, so a strict UTF-8 decode is tried first and windows-1252 is the fallback, with the five bytes that code
 * page leaves undefined mapped to spaces.
 */
public final class SessionInfoText {

    private static final Charset CP1252 = Charset.forName("windows-1252");

    private SessionInfoText() {
    }

    /**
     * @param bytes the YAML area; text stops at the first NUL (live) or at the end (.ibt)
     * @return the decoded text
     */
    public static String decode(byte[] bytes) {
        int len = 0;
        while (len < bytes.length && bytes[len] != 0) {
            len++;
        }
        CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            CharBuffer chars = utf8.decode(ByteBuffer.wrap(bytes, 0, len));
            return chars.toString();
        } catch (CharacterCodingException notUtf8) {
            byte[] copy = new byte[len];
            for (int i = 0; i < len; i++) {
                int b = bytes[i] & 0xFF;
                boolean undefined = b == 0x81 || b == 0x8D || b == 0x8F || b == 0x90 || b == 0x9D;
                copy[i] = undefined ? (byte) ' ' : bytes[i];
            }
            return new String(copy, CP1252);
        }
    }
}
