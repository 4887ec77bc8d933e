//! The module's memory may grow to 4 GiB less one 64 KiB page. At a full 4 GiB the allocator may
//! hand out a block ending on the last byte of the address space, whose end then wraps to 0: a
//! national run scored while twelve others were kept stopped with "memory access out of bounds"
//! inside the scoring code. Below the bound, memory run out stops the module cleanly, and the
//! JavaScript layer says so (`stopped` in js/api.js). The bound is given to the code too
//! (`MOST_MEMORY` in src/lib.rs), which names it in that refusal.
fn main() {
    let most_memory = 4 * 1024 * 1024 * 1024u64 - 65536;
    println!("cargo:rustc-env=PAR_WASM_MOST_MEMORY={most_memory}");
    if std::env::var("CARGO_CFG_TARGET_ARCH").as_deref() == Ok("wasm32") {
        println!("cargo:rustc-link-arg=--max-memory={most_memory}");
    }
}
