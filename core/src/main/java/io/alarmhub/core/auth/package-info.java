/**
 * App tokens of the REST API: XTEA-CBC over {@code appId:unixSeconds}, hex encoded. The scheme is
 * written out in the README so that publishers in any language can mint tokens.
 */
package io.alarmhub.core.auth;
