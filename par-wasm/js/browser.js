// Browser (and bundler) entry point: fetches and instantiates the scoring module once, with a
// top-level await, so every scoring function is ready, and synchronous, when the import resolves.
// The importer of criteria tables is fetched only when a page awaits `loadImporter()`.
import init from '../pkg/parindex.js';
import initImporter from '../pkg/parindex_import.js';
import { loadImporterWith } from './importer.js';

await init({ module_or_path: new URL('../pkg/parindex_bg.wasm', import.meta.url) });
loadImporterWith(() =>
  initImporter({ module_or_path: new URL('../pkg/parindex_import_bg.wasm', import.meta.url) }),
);

export * from './api.js';
