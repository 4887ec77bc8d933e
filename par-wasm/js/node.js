// Node entry point: instantiates the WebAssembly module synchronously from the package's own file,
// and lets the engine read the language of messages from `PAR_LANG` when a call asks for none.
import { readFileSync } from 'node:fs';
import { initSync } from '../pkg/parindex.js';
import { readEnvironmentLanguageWith } from './environment.js';

initSync({ module: readFileSync(new URL('../pkg/parindex_bg.wasm', import.meta.url)) });
readEnvironmentLanguageWith(() => process.env.PAR_LANG);

export * from './api.js';
