// Node entry point: instantiates the WebAssembly modules synchronously from the package's own
// files (the importer too: a script that imports a criteria table needs no extra step), and lets
// the engine read the language of messages from `PAR_LANG` when a call asks for none.
import { readFileSync } from 'node:fs';
import { initSync } from '../pkg/parindex.js';
import { initSync as initImporterSync } from '../pkg/parindex_import.js';
import { readEnvironmentLanguageWith } from './environment.js';
import { importerLoaded } from './importer.js';

initSync({ module: readFileSync(new URL('../pkg/parindex_bg.wasm', import.meta.url)) });
initImporterSync({ module: readFileSync(new URL('../pkg/parindex_import_bg.wasm', import.meta.url)) });
importerLoaded();
readEnvironmentLanguageWith(() => process.env.PAR_LANG);

export * from './api.js';
