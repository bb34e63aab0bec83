// Unpacks the widget's code with pkg/unpack.wasm: the knowledge base's own decoder
// (src/kb/codec.rs) compiled to a small WebAssembly module by `cargo xtask build` (see
// unpack/). It decodes a slice at a time and gives the page a turn every ~12 ms, so the
// prerendered article keeps scrolling while the code unpacks.

// A macrotask turn: lets the page draw and handle input between slices.
const yieldToPage = () => new Promise((resolve) => {
  const channel = new MessageChannel();
  channel.port1.onmessage = resolve;
  channel.port2.postMessage(0);
});

// Bytes per call: about 2 ms of work on a desktop, so a slow phone still yields often.
const SLICE = 2048;

export async function unpack(unpacker, packed) {
  const { instance } = await WebAssembly.instantiate(unpacker);
  const { memory, input, start, step, output, output_len: outputLength } = instance.exports;
  const bytes = new Uint8Array(packed);
  const at = input(bytes.length);
  // Memory may grow inside any call, which detaches old views: take a fresh view each time.
  new Uint8Array(memory.buffer, at, bytes.length).set(bytes);
  if (!start()) throw new Error('net-guide: damaged code (header)');
  let slice = performance.now();
  while (!step(SLICE)) {
    if (performance.now() - slice > 12) {
      await yieldToPage();
      slice = performance.now();
    }
  }
  // A copy, so the unpacker's memory (about 24 MB of model tables) goes with its instance.
  return new Uint8Array(memory.buffer, output(), outputLength()).slice();
}
