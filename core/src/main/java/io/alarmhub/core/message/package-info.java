/**
 * Messages as the push faces see them: a payload published to aliases or topics, with an id and a
 * time to live. The payload is kept as the JSON text the publisher sent, never re-encoded.
 */
package io.alarmhub.core.message;
