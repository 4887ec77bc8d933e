//! Placeholder: the Python binding is being written (issue 4).
