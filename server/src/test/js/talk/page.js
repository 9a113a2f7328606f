// The page's side of two-way talk: the microphone (getUserMedia) through the capture worklet to 8 kHz 16-bit PCM,
// little-endian, sent on the talk WebSocket (?url=ws://…/talk/{deviceId}?expires=…&sig=…) as binary messages of
// 40 ms. window.talk tells the driver how it goes; window.stopTalking() ends it with a normal close.
'use strict';

const talk = { state: 'starting', contextRate: 0, messages: 0, bytes: 0, closeCode: 0, closeReason: '', error: '' };
window.talk = talk;

function show(state) {
  talk.state = state;
  document.getElementById('state').textContent = state;
}

function fail(message) {
  talk.error = String(message);
  show('failed');
}

async function start() {
  if (new Uint8Array(new Uint16Array([1]).buffer)[0] !== 1) {
    throw new Error('this platform is big-endian: its Int16Array is not the little-endian PCM talk takes');
  }
  const url = new URLSearchParams(location.search).get('url');
  const socket = new WebSocket(url);
  socket.binaryType = 'arraybuffer';
  socket.onclose = (event) => {
    talk.closeCode = event.code;
    talk.closeReason = event.reason;
    if (talk.state !== 'stopping') {
      fail('the talk WebSocket closed: ' + event.code + ' ' + event.reason);
    } else {
      show('stopped');
    }
  };
  await new Promise((resolve, reject) => {
    socket.onopen = resolve;
    socket.onerror = () => reject(new Error('the talk WebSocket did not open'));
  });
  // Raw sound: the tone is to arrive as it was played, not shaped by voice processing.
  const stream = await navigator.mediaDevices.getUserMedia({
    audio: { echoCancellation: false, noiseSuppression: false, autoGainControl: false, channelCount: 1 },
  });
  const context = new AudioContext();
  await context.audioWorklet.addModule('capture-worklet.js');
  const source = context.createMediaStreamSource(stream);
  // One silent output, connected: Chromium renders only what leads to the destination.
  const capture = new AudioWorkletNode(context, 'capture-8k', { numberOfInputs: 1, numberOfOutputs: 1 });
  let pending = [];
  capture.port.onmessage = (event) => {
    pending.push(new Int16Array(event.data));
    if (pending.length < 2 || socket.readyState !== WebSocket.OPEN) {
      return;
    }
    const message = new Int16Array(pending.length * 160);
    pending.forEach((block, i) => message.set(block, i * 160));
    pending = [];
    // Int16Array is in the platform's byte order, little-endian (checked at the start), as the server reads it.
    socket.send(message.buffer);
    talk.messages++;
    talk.bytes += message.byteLength;
  };
  source.connect(capture).connect(context.destination);
  await context.resume();
  talk.contextRate = context.sampleRate;
  window.stopTalking = () => {
    show('stopping');
    source.disconnect();
    stream.getTracks().forEach((track) => track.stop());
    socket.close(1000, 'done');
  };
  show('talking');
}

start().catch(fail);
