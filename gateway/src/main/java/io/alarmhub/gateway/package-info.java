/**
 * Netty pipelines for everything that connects to alarmhub: the push faces under {@code push}, the
 * device adapters under {@code device} (one package per vendor), and the media file server under
 * {@code media}.
 */
package io.alarmhub.gateway;
