// Browser (and bundler) entry point: fetches and instantiates the WebAssembly module once, with a
// top-level await, so every function is ready, and synchronous, when the import resolves.
import init from '../pkg/parindex.js';

await init({ module_or_path: new URL('../pkg/parindex_bg.wasm', import.meta.url) });

export * from './api.js';
