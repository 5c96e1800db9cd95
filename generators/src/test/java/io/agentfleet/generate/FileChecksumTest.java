package io.agentfleet.generate;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The checksum the state record keeps per file: the same from bytes and from the file, and moved by any edit. */
class FileChecksumTest {
  @TempDir Path tmp;

  @Test
  void of_theStandardCheckInput_givesBothCrcsCheckValuesAndTheLength() {
    // The check values of CRC-32C (Castagnoli) and CRC-32 (ISO-HDLC) for the nine bytes "123456789".
    assertThat(FileChecksum.of("123456789".getBytes(StandardCharsets.US_ASCII))).isEqualTo("e3069283cbf43926-9");
  }

  @Test
  void of_aFileLargerThanItsReadBuffer_equalsTheChecksumOfItsBytes() throws Exception {
    byte[] bytes = new byte[200_001];
    new Random(7).nextBytes(bytes);
    Path file = tmp.resolve("big.yaml");
    Files.write(file, bytes);

    assertThat(FileChecksum.of(file)).isEqualTo(FileChecksum.of(bytes)).endsWith("-200001");
  }

  @Test
  void of_bytesWithOneBitFlippedAnywhere_differs() {
    byte[] bytes = new byte[4096];
    new Random(11).nextBytes(bytes);
    String original = FileChecksum.of(bytes);
    for (int i = 0; i < bytes.length; i += 97) {
      for (int bit = 0; bit < 8; bit++) {
        bytes[i] ^= (byte) (1 << bit);
        assertThat(FileChecksum.of(bytes)).as("byte %d bit %d", i, bit).isNotEqualTo(original);
        bytes[i] ^= (byte) (1 << bit);
      }
    }
    assertThat(FileChecksum.of(bytes)).isEqualTo(original);
  }
}
