// The environment's language (`PAR_LANG`), which only Node has: its entry point (node.js) installs
// the reader, and in a browser there is none. Read at every call, so that a portal's server sees a
// change of the variable as the CLI does at its next run.
let reader = () => undefined;

/** Installs how `PAR_LANG` is read (node.js does, with `process.env`). */
export function readEnvironmentLanguageWith(read) {
  reader = read;
}

/** The environment's language code as written there, or `undefined` without one. */
export function environmentLanguage() {
  return reader();
}
