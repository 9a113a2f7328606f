/**
 * Messages as the push faces see them: a payload published to aliases or topics, with an id and a
 * time to live. The payload is kept as JSON text with its values exactly as the publisher sent them.
 */
package io.alarmhub.core.message;
