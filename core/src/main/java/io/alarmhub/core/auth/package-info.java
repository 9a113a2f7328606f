/**
 * Tokens of the REST API and of the push faces. App tokens: XTEA-CBC over {@code appId:unixSeconds}, hex
 * encoded ({@link io.alarmhub.core.auth.AppTokens}). Alias tokens: an expiry and an HMAC-SHA256 of the alias
 * under a key derived from the app tokens' key ({@link io.alarmhub.core.auth.AliasTokens}), with which a push
 * connection proves its alias. Both schemes are written out in the README so that back ends in any language
 * can mint them.
 */
package io.alarmhub.core.auth;
