package io.perfkit.compression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import org.junit.jupiter.api.Test;

class DeflaterPoolTest {
    @Test
    void deflatersAreReusedAndEndedWhenEvictedOrClosed() {
        DeflaterPool pool = new DeflaterPool(6, true, 2);
        DeflaterPool.Entry a = pool.acquire();
        DeflaterPool.Entry b = pool.acquire();
        DeflaterPool.Entry c = pool.acquire();
        assertThat(pool.created()).isEqualTo(3);

        pool.release(a);
        pool.release(b);
        pool.release(c); // the pool holds two: the third is ended
        assertThat(pool.ended()).isEqualTo(1);
        assertThat(pool.idle()).isEqualTo(2);

        DeflaterPool.Entry again = pool.acquire();
        assertThat(again).isIn(a, b);
        assertThat(pool.created()).isEqualTo(3);
        pool.release(again);

        pool.close();
        assertThat(pool.ended()).isEqualTo(3);
        assertThat(pool.idle()).isZero();
        for (DeflaterPool.Entry e : new DeflaterPool.Entry[] {a, b, c}) {
            assertThatThrownBy(() -> e.deflater.deflate(new byte[16])).as("ended")
                    .isInstanceOf(NullPointerException.class);
        }
    }

    @Test
    void aCompressorReturnsItsDeflaterOnceEvenWhenClosedTwice() throws Exception {
        DeflateEncoding gzip = (DeflateEncoding) ContentEncoding.gzip();
        Compressor c = gzip.newCompressor();
        c.write(new byte[] {1, 2, 3}, 0, 3, new ByteArrayOutputStream());
        c.close();
        c.close();
        assertThat(gzip.pool().idle()).isEqualTo(1);

        Compressor reused = gzip.newCompressor(); // reset() on return: a fresh stream, not the old one's tail
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] body = Bodies.json(5000);
        reused.write(body, 0, body.length, out);
        reused.finish(out);
        reused.close();
        assertThat(Bodies.decode("gzip", out.toByteArray())).isEqualTo(body);
        assertThat(gzip.pool().created()).isEqualTo(1);
        gzip.close();
        assertThat(gzip.pool().ended()).isEqualTo(1);
    }

    @Test
    void levelIsValidatedNamingTheSetting() {
        assertThatThrownBy(() -> ContentEncoding.gzip(0)).hasMessageContaining("gzip level must be between 1 and 9");
        assertThatThrownBy(() -> ContentEncoding.deflate(10)).hasMessageContaining("deflate level");
    }
}
