//! Placeholder: the WebAssembly binding is being written (issue 5).
