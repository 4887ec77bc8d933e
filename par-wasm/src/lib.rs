//! WebAssembly binding of the PAR INDEX engine, wrapped by the npm package `parindex` (`js/`).
//!
//! Every function speaks JSON text in and out through [`par_core::wire`] and adds no logic of its
//! own, so a result is byte-identical to what Rust and Python produce. Decimals stay strings
//! inside that text; no point or percentage ever crosses into a JavaScript number.
//!
//! Every function that writes text for people takes the language as the caller asked for it
//! (`lang`, the option of the JavaScript API) and the environment's `PAR_LANG` (which only Node
//! has): [`Lang::resolve`] chooses, so the rule is the CLI's and Python's.
//!
//! A refused input is thrown as a [`Refusal`]: the problems JSON exactly as
//! [`par_core::wire::problems_json`] prints it (`{"problems": [...]}`) and one line per problem
//! for people, both in the language chosen. The package's JavaScript layer turns it into a
//! `ParError`; this module is its only caller.
//!
//! Nothing here unwraps or indexes into input-derived data: the engine validates every input and
//! answers with [`Problems`], never a panic, so the module survives any input.
//!
//! The package is two modules built from this crate: the engine that scores (the default build,
//! [`scoring`]), which every page loads, and the importer of criteria annexes (the `importer`
//! feature, [`importer`]), which only a page that imports a criteria table loads: an
//! administrator's occasional task need not weigh on every phone that fills a form.
//!
//! Before passing a large text (assessments or CSV) to any function here, a caller calls
//! [`reserve_heap`] with the text's length, so that WebAssembly memory grows once (`withHeapFor`
//! in `js/api.js` does, for every such call); without it results are the same, a national run's
//! first call only slower. Such a text is passed as given with `normalised` false, and the
//! function throws `NOT_IN_NFC` when it holds a character NFC may change (an accent typed apart
//! from its letter, mostly; [`nfc_check`]):
//! `withHeapFor` then calls again with the text in NFC and `normalised` true (see
//! `as_given_if_nfc` in the scoring module).

use par_core::wire;
use par_core::{Lang, Problems};
use wasm_bindgen::prelude::*;

#[cfg(feature = "importer")]
mod importer;
#[cfg(not(feature = "importer"))]
mod nfc_check;
#[cfg(not(feature = "importer"))]
mod scoring;

/// The module's allocator: scoring a national run makes millions of small allocations, which
/// talc serves faster than Rust's default WebAssembly allocator.
#[cfg(all(target_family = "wasm", not(target_feature = "atomics")))]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

/// Whether the engine panicked since the module was loaded. A panic and memory run out both stop
/// the module (a trap, `unreachable` to JavaScript); the JavaScript layer asks which it was
/// (`stopped` in js/api.js). The engine panics on no input (see above, and the fuzzing), so a
/// trap without a panic is memory run out: the allocator could not grow the memory further.
#[cfg(not(feature = "importer"))]
static PANICKED: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Notes every panic as the module loads ([`PANICKED`]).
#[cfg(not(feature = "importer"))]
#[wasm_bindgen(start)]
fn noting_panics() {
    std::panic::set_hook(Box::new(|_| {
        PANICKED.store(true, std::sync::atomic::Ordering::Relaxed)
    }));
}

/// Whether the engine panicked ([`PANICKED`]): one flag read, which even a module that stopped
/// answers.
#[cfg(not(feature = "importer"))]
#[wasm_bindgen]
pub fn panicked() -> bool {
    PANICKED.load(std::sync::atomic::Ordering::Relaxed)
}

/// The refusal the JavaScript layer throws once the module ran out of memory (a trap without a
/// panic, [`panicked`]), and for every call after it: nothing in a module that stopped can be
/// trusted, so it is made beforehand, while the module works (in the environment's language: the
/// calls that meet it may ask another). See `stopped` in js/api.js.
#[cfg(not(feature = "importer"))]
#[wasm_bindgen(js_name = outOfMemory)]
pub fn out_of_memory(lang: Option<String>, env: Option<String>) -> Result<(), JsValue> {
    in_language(lang, env, |_| {
        let megabytes = MOST_MEMORY / 1_000_000;
        let message = par_core::text::ReadingMsg::EngineOutOfMemory { megabytes };
        let mut refusal = par_core::ParError::new(par_core::ErrorCode::LimitExceeded, message);
        refusal.limit = Some("wasm_memory".to_string());
        Err(refusal.into())
    })
}

/// The refusal of an object nesting deeper than JavaScript's `JSON.stringify` can write (its
/// stack runs out first): the engine's own refusal of JSON nested past its limit, which such an
/// object passes many times over (`writtenAsJson` in js/api.js), in the call's language.
#[cfg(not(feature = "importer"))]
#[wasm_bindgen(js_name = jsonTooDeep)]
pub fn json_too_deep(lang: Option<String>, env: Option<String>) -> Result<(), JsValue> {
    in_language(lang, env, |_| {
        Err(par_core::limits::JSON_DEPTH.exceeded_at_least().into())
    })
}

/// The refusal of a string holding half a character (a lone surrogate), which the module would
/// be given as U+FFFD without a word (the encoding into UTF-8 replaces it): at a place of an
/// object (`at`, as the Python package names one: `assessments[0].unit`), or on a `line` of a
/// text. For the JavaScript layer to throw (`wholeCharacters`, `writtenAsJson` in js/api.js), in
/// the call's language.
#[cfg(not(feature = "importer"))]
#[wasm_bindgen(js_name = halfCharacter)]
pub fn half_character(
    at: Option<String>,
    line: Option<usize>,
    lang: Option<String>,
    env: Option<String>,
) -> Result<String, JsValue> {
    let lang = language(lang, env)?;
    Ok(match at {
        Some(at) => par_core::text::half_character_at(&at, lang),
        None => par_core::text::half_character_on_line(line.unwrap_or(1), lang),
    })
}

/// The most memory the module may grow to (build.rs): 4 GiB less a 64 KiB page.
#[cfg(not(feature = "importer"))]
const MOST_MEMORY: usize = match usize::from_str_radix(env!("PAR_WASM_MOST_MEMORY"), 10) {
    Ok(bytes) => bytes,
    Err(_) => panic!("build.rs gives the most memory in bytes"),
};

/// Wasm memory used while scoring, per UTF-16 code unit of the input text as JavaScript holds it,
/// with a margin. A table's text passes in whole, in UTF-8, beside the units read from it and
/// their results (measured by growing memory piece by piece: 4.0 bytes at 1,000 and at 10,600
/// units of the national commune run as a long CSV); passing it in takes three bytes per code unit
/// for a moment (wasm-bindgen sizes its buffer for the longest UTF-8 before encoding, then shrinks
/// it). Assessments pass in pieces ([`scoring`]'s `TextPieces`): the national run's units and
/// full results take 2.75 bytes.
const HEAP_PER_INPUT_UNIT: usize = 5;

/// Readies the allocator for an input text of `text_length` UTF-16 code units, before the text is
/// passed in. Wasm memory grows in 64 KiB pages, and each growth costs more as the memory gets
/// larger, so a large run allocated piece by piece grows it thousands of times (measured: a first
/// run of 4,000 units took 5.2 s, later runs 0.7 s). One allocation of the run's size, freed at
/// once, grows it once; the freed block stays with the allocator, which places the text at its
/// start, grows the text's buffer in place and serves the run's many small allocations after it
/// (the same first run: 1.0 s). A reservation that cannot be had is simply skipped.
#[wasm_bindgen(js_name = reserveHeap)]
pub fn reserve_heap(text_length: usize) {
    let bytes = text_length.saturating_mul(HEAP_PER_INPUT_UNIT);
    let mut reserve: Vec<u8> = Vec::new();
    let _ = reserve.try_reserve(bytes);
}

/// A refused input, as thrown to the JavaScript layer: the problems in one language.
#[wasm_bindgen(getter_with_clone)]
pub struct Refusal {
    /// The problems document, `{"problems": [...]}`, as every binding prints it.
    pub json: String,
    /// One line per problem for people: where, what, and the code (`ParError::line`).
    pub lines: String,
}

/// The problems of a refused input, in `lang`, as the thrown value the JavaScript layer expects.
fn thrown(p: &Problems, lang: Lang) -> JsValue {
    Refusal {
        json: wire::problems_json(p, lang),
        lines: p.lines(lang),
    }
    .into()
}

/// The language of a call's texts: the one asked for, else the environment's, else Vietnamese.
/// An unknown code is refused in the default language, the one asked for being unusable.
fn language(asked: Option<String>, env: Option<String>) -> Result<Lang, JsValue> {
    Lang::resolve(asked.as_deref(), env.as_deref()).map_err(|e| thrown(&e.into(), Lang::default()))
}

/// A call's answer: the language of its texts resolved (an unknown code refused), then the
/// engine's problems, if any, thrown in it.
fn in_language<T>(
    asked: Option<String>,
    env: Option<String>,
    call: impl FnOnce(Lang) -> Result<T, Problems>,
) -> Result<T, JsValue> {
    let lang = language(asked, env)?;
    call(lang).map_err(|p| thrown(&p, lang))
}

/// A table file's text, decoded by the engine, and the encoding it was guessed to be in.
#[wasm_bindgen(getter_with_clone)]
pub struct TableText {
    pub text: String,
    /// The encoding's name when it was guessed (Windows-1258), to be said in the results.
    pub guessed: Option<String>,
}

/// The text of a table file's bytes (CSV, or Excel's "Unicode Text"), in whichever encoding it
/// was saved; a workbook or a PDF is refused saying what it is. The JavaScript layer puts the text
/// in NFC before passing it back.
#[wasm_bindgen(js_name = tableText)]
pub fn table_text(
    bytes: Vec<u8>,
    lang: Option<String>,
    env: Option<String>,
) -> Result<TableText, JsValue> {
    in_language(lang, env, |_| wire::table_text(bytes)).map(|(text, guessed)| TableText {
        text,
        guessed: guessed.map(|e| e.name().to_string()),
    })
}
