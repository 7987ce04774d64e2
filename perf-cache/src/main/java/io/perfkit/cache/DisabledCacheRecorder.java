package io.perfkit.cache;

/** Records nothing. */
final class DisabledCacheRecorder implements CacheRecorder {
    static final DisabledCacheRecorder INSTANCE = new DisabledCacheRecorder();

    private DisabledCacheRecorder() {}

    @Override
    public String toString() {
        return "CacheRecorder.disabled()";
    }
}
