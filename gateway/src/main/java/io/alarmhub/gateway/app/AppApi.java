package io.alarmhub.gateway.app;

import java.util.concurrent.CompletableFuture;

/** One vendor's routes on the RestServer, under {@code /<vendor>/}; the token is checked before they run. */
public interface AppApi {

    /**
     * The answer to one request. The future completes with an answer for every failure the API knows of
     * (refusals, a store that cannot take the write); a future that fails is answered 500 by the RestServer.
     */
    CompletableFuture<AppAnswer> answer(AppRequest request);
}
