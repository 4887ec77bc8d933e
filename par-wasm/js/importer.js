// What is done away from the form — importing criteria tables, reading workbooks, analysing
// results — is a module of its own (pkg/parindex_import*), so that pages that only score do not
// download it. The entry points say how it is loaded: node.js loads it at
// once, browser.js when `loadImporter()` is first awaited. This file keeps whether it is ready.
let loader = async () => {};
let ready = false;

/** Installs how the importer is loaded (each entry point does). */
export function loadImporterWith(load) {
  loader = load;
}

/** Loads the importer module, once; later calls resolve at once. */
export async function loadImporter() {
  if (!ready) {
    await loader();
    ready = true;
  }
}

/** Marks the importer loaded (node.js, which loads it synchronously). */
export function importerLoaded() {
  ready = true;
}

/** Whether the importer can be called. */
export function importerReady() {
  return ready;
}
