package io.perfkit.compression;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.lang.reflect.Proxy;

/**
 * What a recycled wrapper points at while it waits in the pool: a request and a response that refuse every call,
 * so that code still holding the wrapper after its request ended fails loudly instead of reaching the container's
 * objects of a finished request (or, once the wrapper serves again, of another request: see
 * {@link CompressionConfig.Builder#recycledWrappers(int)}).
 */
final class Released {
    static final HttpServletRequest REQUEST = refusing(HttpServletRequest.class);
    static final HttpServletResponse RESPONSE = refusing(HttpServletResponse.class);

    private Released() {}

    private static <T> T refusing(Class<T> type) {
        return type.cast(Proxy.newProxyInstance(Released.class.getClassLoader(), new Class<?>[] {type},
                (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "toString":
                            return "released " + type.getSimpleName();
                        case "hashCode":
                            return System.identityHashCode(proxy);
                        case "equals":
                            return proxy == args[0];
                        default:
                            throw new IllegalStateException(type.getSimpleName() + "." + method.getName()
                                    + "() called after the CompressionFilter returned: the request has ended and"
                                    + " its wrapper was recycled (CompressionConfig recycledWrappers)");
                    }
                }));
    }
}
