// Node entry point: instantiates the WebAssembly module synchronously from the package's own file.
import { readFileSync } from 'node:fs';
import { initSync } from '../pkg/parindex.js';

initSync({ module: readFileSync(new URL('../pkg/parindex_bg.wasm', import.meta.url)) });

export * from './api.js';
