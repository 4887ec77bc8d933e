// The scoring module's memory, given by the entry point that instantiated the module (node.js,
// browser.js): once the module has stopped at a trap, whether its memory can still grow tells
// memory run out from a fault of the engine (`stopped` in api.js).
let memory = null;

/** Keeps the memory of the scoring module's instance (its exports, as `initSync` gives them). */
export function scoringModuleLoaded(exports) {
  memory = exports.memory;
}

// Room a module that ran out of memory cannot be given: its allocator asks for what one
// allocation needs, and a national run's largest are some tens of MiB.
const ROOM_ASKED_PAGES = 1024; // 64 MiB

/** Whether the scoring module's memory cannot grow by another 64 MiB (it ran out). */
export function memoryRanOut() {
  if (memory === null) return false;
  try {
    memory.grow(ROOM_ASKED_PAGES);
    return false;
  } catch {
    return true;
  }
}
