// The microphone's sound, on the audio thread: resampled from the context's rate to 8 kHz mono and posted to the
// page as 16-bit PCM, in blocks of 20 ms (160 samples), the size of the camera's packets.
//
// The resampler averages the input samples that fall within each output sample's interval (a box filter) before
// taking one: a cheap low-pass against the aliasing plain decimation would fold back under 4 kHz. It keeps the
// fraction of an interval between blocks, so the output is 8000 samples a second on average whatever the input rate.
class Capture8k extends AudioWorkletProcessor {
  constructor() {
    super();
    this.step = sampleRate / 8000; // input samples per output sample; sampleRate is the context's
    this.position = 0;
    this.sum = 0;
    this.count = 0;
    this.block = new Int16Array(160);
    this.filled = 0;
  }

  process(inputs) {
    const channel = inputs[0] && inputs[0][0];
    if (!channel) {
      return true; // no input yet
    }
    for (let i = 0; i < channel.length; i++) {
      this.sum += channel[i];
      this.count++;
      this.position += 1;
      if (this.position >= this.step) {
        this.position -= this.step;
        this.emit(this.sum / this.count);
        this.sum = 0;
        this.count = 0;
      }
    }
    return true;
  }

  emit(sample) {
    const clamped = Math.max(-1, Math.min(1, sample));
    this.block[this.filled++] = Math.round(clamped * 32767);
    if (this.filled === this.block.length) {
      this.port.postMessage(this.block.buffer, [this.block.buffer]);
      this.block = new Int16Array(160);
      this.filled = 0;
    }
  }
}

registerProcessor('capture-8k', Capture8k);
