/**
 * The JSON configuration every network face reads with: one immutable {@link io.alarmhub.gateway.json.NetworkJson}
 * per nesting limit, with limits on depth, string, name and number lengths, so hostile input stays cheap to
 * refuse whichever face it arrives on.
 */
package io.alarmhub.gateway.json;
