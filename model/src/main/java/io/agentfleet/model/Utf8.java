package io.agentfleet.model;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/** Decodes a fleet file as UTF-8, and says where it is not: the byte, its line and column. */
final class Utf8 {
  private Utf8() {}

  static String decode(byte[] bytes, String source) {
    if (bytes.length >= 2 && ((bytes[0] == (byte) 0xFE && bytes[1] == (byte) 0xFF)
        || (bytes[0] == (byte) 0xFF && bytes[1] == (byte) 0xFE))) {
      throw refused(source, 1, 1, "the file is UTF-16 text; save it as UTF-8");
    }
    CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    CharBuffer out = CharBuffer.allocate(bytes.length + 1);
    CoderResult result = decoder.decode(in, out, true);
    if (!result.isError()) {
      result = decoder.flush(out);
    }
    if (result.isError()) {
      int bad = in.position();
      int line = 1;
      int lineStart = 0;
      for (int i = 0; i < bad; i++) {
        if (bytes[i] == '\n') {
          line++;
          lineStart = i + 1;
        }
      }
      String before = new String(bytes, lineStart, bad - lineStart, StandardCharsets.UTF_8);
      int column = before.codePointCount(0, before.length()) + 1;
      throw refused(source, line, column, String.format("the file is not UTF-8 text (byte 0x%02x at line %d, column %d);"
          + " save it as UTF-8", bytes[bad] & 0xff, line, column));
    }
    out.flip();
    return out.toString();
  }

  private static FleetValidationException refused(String source, int line, int column, String message) {
    return new FleetValidationException("Cannot read " + source,
        List.of(new Problem("", message, Optional.of(new Location(source, line, column)))));
  }
}
