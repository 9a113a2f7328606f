/**
 * The parts of the RestServer that vendors bring: app back ends acting for their users reach a vendor's
 * own features (registering a Hemu camera to an account, its settings) at {@code /<vendor>/.../{token}}
 * with the same app tokens as every other RestServer path. A vendor registers its {@link
 * io.alarmhub.gateway.app.AppApi} in the node's {@link io.alarmhub.gateway.app.AppApis} when its
 * listener is made; the RestServer looks it up per request.
 */
package io.alarmhub.gateway.app;
