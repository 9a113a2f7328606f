/*
 * What a browser makes of alarmhub's video, measured in the page (play.mjs calls these through puppeteer):
 * playLive plays a live FLV URL (HTTP or WebSocket) with mpegts.js, playFile a recording (fragmented MP4) in a
 * plain <video>. Both play until currentTime has advanced `seconds` past the first frame shown, or until the deadline,
 * and return what the player and the media element say at the first frame and at the end. They judge nothing: the
 * Java test asserts on what they return, so that a failure shows every number.
 */
'use strict';

/** What the media element says now: time, frames decoded and shown, bytes of audio and video decoded. */
function mediaState(video) {
  const quality = video.getVideoPlaybackQuality();
  return {
    currentTime: video.currentTime,
    totalVideoFrames: quality.totalVideoFrames,
    droppedVideoFrames: quality.droppedVideoFrames,
    audioDecodedBytes: video.webkitAudioDecodedByteCount,
    videoDecodedBytes: video.webkitVideoDecodedByteCount,
    readyState: video.readyState,
    paused: video.paused,
    error: video.error ? video.error.code + ' ' + video.error.message : null,
  };
}

/**
 * Resolves once currentTime is `seconds` past where the first decoded frame was shown, or at the deadline
 * (then `advanced` is false): polled once an animation frame, since a stalled player fires no event to wait on.
 */
function watch(video, seconds, deadlineMs) {
  return new Promise((resolve) => {
    const began = performance.now();
    let first = null;
    const poll = () => {
      const now = mediaState(video);
      if (first === null && now.totalVideoFrames > 0 && now.currentTime > 0) {
        first = now;
      }
      const advanced = first !== null && now.currentTime - first.currentTime >= seconds;
      if (advanced || video.ended || performance.now() - began > deadlineMs) {
        resolve({advanced, ended: video.ended, first, last: now});
        return;
      }
      requestAnimationFrame(poll);
    };
    requestAnimationFrame(poll);
  });
}

/** A live FLV (http:// or ws://) through mpegts.js, as alarmhub's web viewers play it. */
async function playLive(url, seconds, deadlineMs) {
  const video = document.getElementById('video');
  const errors = [];
  let statistics = null;
  const player = mpegts.createPlayer({type: 'flv', isLive: true, url, hasAudio: true, hasVideo: true},
      {enableStashBuffer: false, liveBufferLatencyChasing: false, lazyLoad: false});
  player.on(mpegts.Events.ERROR, (type, detail, info) =>
    errors.push({type, detail, info: String(info && info.msg || info)}));
  player.on(mpegts.Events.STATISTICS_INFO, (s) => { statistics = s; });
  player.attachMediaElement(video);
  player.load();
  const playing = player.play();
  if (playing) {
    playing.catch((e) => errors.push({type: 'play', detail: e.name, info: e.message}));
  }
  const watched = await watch(video, seconds, deadlineMs);
  const info = player.mediaInfo || {};
  const report = {
    transport: url.startsWith('ws') ? 'websocket' : 'http',
    mse: {
      h264: MediaSource.isTypeSupported('video/mp4; codecs="avc1.640028"'),
      flac: MediaSource.isTypeSupported('audio/mp4; codecs="flac"'),
    },
    mediaInfo: {
      hasAudio: info.hasAudio === true, hasVideo: info.hasVideo === true,
      audioCodec: info.audioCodec || null, videoCodec: info.videoCodec || null, mimeType: info.mimeType || null,
      audioSampleRate: info.audioSampleRate || null, audioChannelCount: info.audioChannelCount || null,
      width: info.width || null, height: info.height || null,
    },
    statistics,
    errors,
    ...watched,
  };
  player.pause();
  player.unload();
  player.detachMediaElement();
  player.destroy();
  return report;
}

/** A recording (fragmented MP4, H.264 and FLAC) in a plain <video>: what its owner's browser does with the URL. */
async function playFile(url, seconds, deadlineMs) {
  const video = document.getElementById('video');
  const errors = [];
  const metadata = new Promise((resolve) => {
    video.addEventListener('loadedmetadata', () => resolve(true), {once: true});
    video.addEventListener('error', () => resolve(false), {once: true});
  });
  video.src = url;
  const playing = video.play();
  playing.catch((e) => errors.push({type: 'play', detail: e.name, info: e.message}));
  const loaded = await metadata;
  const watched = loaded ? await watch(video, seconds, deadlineMs)
      : {advanced: false, ended: false, first: null, last: mediaState(video)};
  const report = {
    loadedMetadata: loaded,
    duration: video.duration,
    videoWidth: video.videoWidth,
    videoHeight: video.videoHeight,
    errors,
    ...watched,
  };
  video.pause();
  video.removeAttribute('src');
  video.load();
  return report;
}
