/**
 * Netty pipelines for everything that connects to alarmhub: the push faces under {@code push}.
 */
package io.alarmhub.gateway;
