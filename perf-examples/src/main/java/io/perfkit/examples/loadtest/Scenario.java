package io.perfkit.examples.loadtest;

import io.perfkit.examples.bookstore.Mode;
import io.perfkit.examples.bookstore.Route;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.SplittableRandom;

/**
 * One endpoint under load: what it shows, and the requests a client sends to it. Implementations are stateless;
 * per-client state (such as remembered ETags) lives in the {@link Client}.
 */
public interface Scenario {
    /** @return a short id used on the command line, such as {@code orders} */
    String id();

    /** @return the route measured */
    Route route();

    /** @return the problem the naive mode has, one line */
    String problem();

    /** @return the cure the tuned mode applies, one line */
    String cure();

    /**
     * Builds a client's next request.
     *
     * @param base the service's base URI
     * @param mode the mode to request
     * @param client the client's random source and memory
     * @return the request
     */
    HttpRequest next(URI base, Mode mode, Client client);

    /**
     * Sees a response, for scenarios that remember something (an ETag).
     *
     * @param mode the mode requested
     * @param client the client
     * @param request the request sent
     * @param response the response
     */
    default void onResponse(Mode mode, Client client, HttpRequest request, HttpResponse<byte[]> response) {}

    /** One simulated client: its random source and what it remembers between requests. */
    final class Client {
        final SplittableRandom random;
        final java.util.Map<String, String> etags = new java.util.HashMap<>();

        Client(long seed) {
            this.random = new SplittableRandom(seed);
        }
    }
}
