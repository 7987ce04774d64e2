package io.perfkit.query.keyset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class CursorCodecTest {
    static final byte[] SECRET = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    final CursorCodec codec = CursorCodec.hmacSha256(SECRET);

    private static CursorCodec.Position position(Object... values) {
        List<SortColumn> sort = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            sort.add(new SortColumn("c" + i, i % 2 == 0 ? Direction.ASC : Direction.DESC));
        }
        return new CursorCodec.Position(42L, sort, Arrays.asList(values));
    }

    @Test
    void everySupportedTypeRoundTrips() {
        Timestamp ts = Timestamp.valueOf("2026-11-21 15:04:05.123456");
        CursorCodec.Position p = position(1L, 2, (short) 3, "tïtle ü", new BigDecimal("-12.3400"), true, 1.5d, 2.5f,
                ts, LocalDate.of(2026, 2, 28), UUID.randomUUID(), null);
        String cursor = codec.encode(p);
        assertThat(cursor).matches("[A-Za-z0-9_-]+");
        CursorCodec.Position back = codec.decode(cursor, 42L);
        assertThat(back).isEqualTo(p);
        assertThat(((Timestamp) back.values().get(8)).getNanos()).isEqualTo(123_456_000);
    }

    @Test
    void sqlDateIsCarriedAsLocalDate() {
        CursorCodec.Position back = codec.decode(codec.encode(position(java.sql.Date.valueOf("2020-01-31"))), 42L);
        assertThat(back.values()).containsExactly(LocalDate.of(2020, 1, 31));
    }

    @Test
    void everySingleAlteredByteIsDetected() {
        byte[] raw = Base64.getUrlDecoder().decode(codec.encode(position(123L, "abc")));
        for (int i = 0; i < raw.length; i++) {
            byte[] altered = raw.clone();
            altered[i] ^= 0x01;
            String forged = Base64.getUrlEncoder().withoutPadding().encodeToString(altered);
            assertThatThrownBy(() -> codec.decode(forged, 42L)).as("byte %s", i)
                    .isInstanceOf(InvalidCursorException.class);
        }
    }

    @Test
    void aCursorSignedWithAnotherSecretIsRejected() {
        CursorCodec other = CursorCodec.hmacSha256(
                "another secret that is 32 bytes!".getBytes(StandardCharsets.US_ASCII));
        String cursor = other.encode(position(1L));
        assertThatThrownBy(() -> codec.decode(cursor, 42L)).isInstanceOf(InvalidCursorException.class)
                .hasMessageContaining("signature");
    }

    @Test
    void aCursorOfAnotherQueryIsRejected() {
        String cursor = codec.encode(position(1L));
        assertThatThrownBy(() -> codec.decode(cursor, 43L)).isInstanceOf(InvalidCursorException.class)
                .hasMessageContaining("different query");
    }

    @Test
    void garbageIsRejectedWithoutEchoingIt() {
        for (String garbage : List.of("", "not base64!", "' OR 1=1 --", "AAAA", "x".repeat(5_000),
                Base64.getUrlEncoder().encodeToString(new byte[40]))) {
            assertThatThrownBy(() -> codec.decode(garbage, 42L)).isInstanceOf(InvalidCursorException.class)
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("OR 1=1"));
        }
    }

    @Test
    void anUnknownVersionIsRejectedEvenWhenSigned() throws Exception {
        // A future version written with the right secret: signature valid, version not understood.
        byte[] raw = Base64.getUrlDecoder().decode(codec.encode(position(1L)));
        byte[] body = Arrays.copyOf(raw, raw.length - 16);
        body[0] = 2;
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec(SECRET, "HmacSHA256"));
        byte[] signed = Arrays.copyOf(body, body.length + 16);
        System.arraycopy(mac.doFinal(body), 0, signed, body.length, 16);
        String v2 = Base64.getUrlEncoder().withoutPadding().encodeToString(signed);
        assertThatThrownBy(() -> codec.decode(v2, 42L)).hasMessageContaining("version 2");
    }

    @Test
    void shortSecretsAndUnsupportedValuesAreRefused() {
        assertThatThrownBy(() -> CursorCodec.hmacSha256(new byte[16])).hasMessageContaining("secret");
        assertThatThrownBy(() -> codec.encode(position(new Object()))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("c0");
    }
}
