package io.perfkit.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The fixed binary formats of invalidation messages and L2 envelopes: round trips, and rejection of anything else. */
class WireFormatTest {

    @Test
    void messagesRoundTripAndCarryNoValue() {
        Message m = new Message(Message.KEY, 1, 2, 42, 1_700_000_000_000L, 0, "perfkit:books:k:1");
        assertThat(Message.decode(m.encode())).isEqualTo(m);
        Message tag = new Message(Message.TAG, -1, -2, 7, 5, 99, "tenant:é");
        assertThat(Message.decode(tag.encode())).isEqualTo(tag);
    }

    @Test
    void malformedMessagesAreRejectedNotDecoded() {
        byte[] good = new Message(Message.KEY, 1, 2, 3, 4, 5, "k").encode();
        assertThat(Message.decode(new byte[] {(byte) 0xAC, (byte) 0xED, 0, 5, 1, 2, 3})).isNull(); // Java serialization
        assertThat(Message.decode(Arrays.copyOf(good, good.length - 1))).isNull();             // truncated
        assertThat(Message.decode(Arrays.copyOf(good, good.length + 1))).isNull();             // trailing bytes
        byte[] badType = good.clone();
        badType[3] = 9;
        assertThat(Message.decode(badType)).isNull();
        assertThat(Message.decode("{\"@class\":\"java.lang.Runtime\"}".getBytes(StandardCharsets.UTF_8))).isNull();
    }

    @Test
    void envelopesRoundTripValuesAbsencesAndTombstones() {
        byte[] payload = "{\"a\":1}".getBytes(StandardCharsets.UTF_8);
        Envelope v = Envelope.decode(Envelope.encode(Envelope.VALUE, 10, 20, 3, new long[] {4, 5}, payload));
        assertThat(v).isNotNull();
        assertThat(v.kind).isEqualTo(Envelope.VALUE);
        assertThat(v.writeMillis).isEqualTo(10);
        assertThat(v.expiresAtMillis).isEqualTo(20);
        assertThat(v.loadMillis).isEqualTo(3);
        assertThat(v.gens).containsExactly(4, 5);
        assertThat(v.payload()).isEqualTo(payload);

        Envelope absent = Envelope.decode(Envelope.encode(Envelope.ABSENT, 1, 2, 0, new long[] {0}, null));
        assertThat(absent).isNotNull();
        assertThat(absent.kind).isEqualTo(Envelope.ABSENT);
        assertThat(absent.payload()).isNull();

        Envelope tomb = Envelope.decode(Envelope.tombstone(1, 2));
        assertThat(tomb).isNotNull();
        assertThat(tomb.kind).isEqualTo(Envelope.TOMBSTONE);
        assertThat(Envelope.tombstone(1, 2)).isNotEqualTo(Envelope.tombstone(1, 3));
    }

    @Test
    void foreignBytesInRedisAreNotEnvelopes() {
        assertThat(Envelope.decode("plain string".getBytes(StandardCharsets.UTF_8))).isNull();
        assertThat(Envelope.decode(new byte[] {(byte) 0xAC, (byte) 0xED, 0, 5, 0x73, 0x72})).isNull();
        byte[] lying = Envelope.encode(Envelope.VALUE, 1, 2, 0, new long[] {1}, null);
        lying[27] = 100; // claims 100 generations in 8 bytes
        assertThat(Envelope.decode(lying)).isNull();
    }
}
