package io.perfkit.compression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class CacheControlTest {
    @Test
    void buildsDirectivesInAStableOrder() {
        assertThat(CacheControl.builder().publicCache().maxAge(Duration.ofMinutes(5)).sMaxAge(Duration.ofHours(1))
                .staleWhileRevalidate(Duration.ofSeconds(30)).staleIfError(Duration.ofDays(1)).build().headerValue())
                .isEqualTo("public, max-age=300, s-maxage=3600, stale-while-revalidate=30, stale-if-error=86400");
        assertThat(CacheControl.builder().privateCache().noCache().mustRevalidate().build().headerValue())
                .isEqualTo("private, no-cache, must-revalidate");
        assertThat(CacheControl.noStore().headerValue()).isEqualTo("no-store");
        assertThat(CacheControl.builder().maxAge(Duration.ofDays(365)).immutable().noTransform().build().toString())
                .isEqualTo("max-age=31536000, no-transform, immutable");
    }

    @Test
    void contradictionsAreRejectedNamingTheDirectives() {
        assertThatThrownBy(() -> CacheControl.builder().publicCache().privateCache().build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("publicCache and privateCache");
        assertThatThrownBy(() -> CacheControl.builder().noStore().maxAge(Duration.ofSeconds(1)).build())
                .hasMessageContaining("noStore cannot be combined");
        assertThatThrownBy(() -> CacheControl.builder().immutable().build()).hasMessageContaining("immutable needs");
        assertThatThrownBy(() -> CacheControl.builder().privateCache().sMaxAge(Duration.ofSeconds(1)).build())
                .hasMessageContaining("sMaxAge");
        assertThatThrownBy(() -> CacheControl.builder().maxAge(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxAge");
        assertThatThrownBy(() -> CacheControl.builder().build()).hasMessageContaining("at least one directive");
    }

    @Test
    void firstMatchingRuleWins() {
        CacheControl assets = CacheControl.builder().publicCache().maxAge(Duration.ofDays(1)).build();
        CacheControlFilter filter = CacheControlFilter.builder()
                .rule("/assets/private/*", CacheControl.noStore())
                .rule("/assets/*", assets)
                .rule("*.css", assets)
                .build();

        assertThat(filter.ruleFor("/assets/private/key.js")).isEqualTo(CacheControl.noStore());
        assertThat(filter.ruleFor("/assets/app.js")).isEqualTo(assets);
        assertThat(filter.ruleFor("/assets")).isEqualTo(assets);
        assertThat(filter.ruleFor("/theme/site.css")).isEqualTo(assets);
        assertThat(filter.ruleFor("/assetsX/app.js")).isNull();
        assertThatThrownBy(() -> CacheControlFilter.builder().rule("assets/*", assets))
                .hasMessageContaining("rule pathPattern");
    }
}
