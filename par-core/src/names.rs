//! A unit's name as it is read, and when two names are one unit's.
//!
//! Officials type a unit's name again on every sheet and every row, on different keyboards. What
//! cannot be seen is taken as the same name: a no-break space Excel pastes from the web, two
//! spaces, a zero-width space left by a copy from a web page (as NFC takes a name typed with
//! combining accents as the one typed precomposed). What can be seen is not changed: two names
//! that differ only in capitals (`Sở Y Tế`) or in where the tone mark sits (`Hòa`, as Unikey
//! types it by default, and `Hoà`, its "new style") are said to be two spellings of one name,
//! not scored as two units.

use crate::encoding::nfc;
use std::borrow::Cow;

/// A unit's name as read: in NFC, its words separated by one space, without the characters that
/// take no room (zero-width spaces and joiners, soft hyphens, a byte-order mark within the text).
pub(crate) fn unit_name(text: &str) -> Cow<'_, str> {
    match nfc(text) {
        Cow::Borrowed(text) => tidy(text),
        Cow::Owned(text) => Cow::Owned(tidy(&text).into_owned()),
    }
}

/// Whether a name is as [`unit_name`] gives it, white space aside from its ends (a cell is
/// trimmed when read); for a name already in NFC.
pub(crate) fn is_tidy(name: &str) -> bool {
    // One pass over the characters: every row of a table asks it of its unit's name.
    let mut after_space = false;
    name.chars().all(|c| {
        let tidy = match c {
            ' ' => !after_space,
            c => !c.is_whitespace() && !takes_no_room(c),
        };
        after_space = c == ' ';
        tidy
    })
}

/// [`unit_name`] of a name in NFC.
fn tidy(name: &str) -> Cow<'_, str> {
    let name = name.trim();
    if is_tidy(name) {
        return Cow::Borrowed(name);
    }
    Cow::Owned(rebuilt(name))
}

/// A trimmed name written again as [`unit_name`] gives it.
fn rebuilt(name: &str) -> String {
    let mut tidy = String::with_capacity(name.len());
    for c in name.chars().filter(|&c| !takes_no_room(c)) {
        if !c.is_whitespace() {
            tidy.push(c);
        } else if !tidy.is_empty() && !tidy.ends_with(' ') {
            tidy.push(' ');
        }
    }
    // A space before a zero-width one that ended the name.
    tidy.truncate(tidy.trim_end().len());
    tidy
}

/// Whether a text shows nothing at all: white space, and characters that take no room (a name or
/// an evidence reference of a zero-width space is none). Bindings that read units themselves
/// ask it of a unit's name, as every reader of the core does.
pub fn shows_nothing(text: &str) -> bool {
    // What `tidy` leaves of the text, found without making it: scoring asks it of every reason.
    text.chars().all(|c| c.is_whitespace() || takes_no_room(c))
}

/// Whether a trimmed cell, not empty, shows nothing: only characters that take no room (a
/// zero-width space a copy from a web page left). Most cells start with one that does not.
pub(crate) fn is_invisible(cell: &str) -> bool {
    cell.chars().next().is_some_and(takes_no_room) && shows_nothing(cell)
}

/// A text without the characters that take no room, where it has any (a code typed `1.1` and a
/// zero-width space); `None` where it has none.
pub(crate) fn without_what_takes_no_room(text: &str) -> Option<String> {
    text.contains(takes_no_room)
        .then(|| text.chars().filter(|&c| !takes_no_room(c)).collect())
}

/// Characters that show nothing and separate nothing: those a copy from a web page leaves, and
/// control characters other than white space (an escape that would recolour a terminal printing
/// the name, a bell), which no keyboard types into a cell.
fn takes_no_room(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}' | '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}'
    ) || (c.is_control() && !c.is_whitespace())
}

/// What every spelling of a unit's name shares, however it was typed: [`spelling_key`] of the
/// name as [`unit_name`] reads it (`Sở  Y tế`, with two spaces, and `SỞ Y TẾ` share `Sở Y
/// tế`'s key).
/// Units are matched so wherever two lists name them (a results document, a published
/// ranking, this year's and last year's).
pub(crate) fn unit_key(name: &str) -> String {
    spelling_key(&unit_name(name))
}

/// What two spellings of one name share: the name in small letters, each word's tone marks
/// moved to its end. `Hòa` and `Hoà` (the grave on the `o`, or on the `a`) give `hoa` and the
/// grave; `Hóa` gives `hoa` and the acute, another name.
pub(crate) fn spelling_key(name: &str) -> String {
    let mut key = String::with_capacity(name.len() + 4);
    let mut tones = String::new();
    for c in name.chars().flat_map(char::to_lowercase) {
        if c == ' ' {
            key.push_str(&tones);
            tones.clear();
        }
        match TONED.iter().position(|&t| t == c) {
            Some(at) => {
                key.push(VOWELS[at / 5]);
                tones.push(TONES[at % 5]);
            }
            None => key.push(c),
        }
    }
    key.push_str(&tones);
    key
}

/// A name without Vietnamese's marks, in small letters (`so y te` for `Sở Y tế`): as a name is
/// typed on a phone or a keyboard without Vietnamese input. Many names share one: it finds a
/// unit asked for so, not two units' sameness.
pub(crate) fn unmarked_key(name: &str) -> String {
    let unmarked = |c: char| match TONED.iter().position(|&t| t == c) {
        Some(at) => VOWELS[at / 5],
        None => c,
    };
    (name.chars().flat_map(char::to_lowercase))
        .map(|c| match unmarked(c) {
            'ă' | 'â' => 'a',
            'ê' => 'e',
            'ô' | 'ơ' => 'o',
            'ư' => 'u',
            'đ' => 'd',
            c => c,
        })
        .collect()
}

/// A unit's name as someone typed it to ask about that unit (`par explain`, `par what-if`), read
/// each way a unit is found by it ([`crate::Results::unit`]): as it names units, in another
/// spelling of it, or without its marks where it was typed without any.
pub(crate) struct NameAsked {
    /// The name as a unit's name is read ([`unit_name`]).
    name: String,
    key: String,
    /// The name without marks ([`unmarked_key`]).
    unmarked: String,
    /// Whether it was typed without any mark (one typed with marks means them).
    typed_unmarked: bool,
}

impl NameAsked {
    pub(crate) fn new(typed: &str) -> Self {
        let name = unit_name(typed).into_owned();
        let unmarked = unmarked_key(&name);
        NameAsked {
            key: spelling_key(&name),
            typed_unmarked: unmarked == name.to_lowercase(),
            unmarked,
            name,
        }
    }

    /// The name without its marks, in small letters.
    pub(crate) fn unmarked(&self) -> &str {
        &self.unmarked
    }

    /// Whether a unit named `name` is named as asked.
    pub(crate) fn names(&self, name: &str) -> bool {
        self.name == name
    }

    /// Whether `name` (as units are named) is another spelling of the name asked.
    pub(crate) fn spells(&self, name: &str) -> bool {
        unit_key(name) == self.key
    }

    /// Whether the name asked, typed without marks, is `name`'s without them.
    pub(crate) fn unmarks(&self, name: &str) -> bool {
        self.typed_unmarked && unmarked_key(name) == self.unmarked
    }

    /// Whether the name asked may mean a unit named `name`, in any of the ways it is read.
    pub(crate) fn may_mean(&self, name: &str) -> bool {
        self.names(name) || self.spells(name) || self.unmarks(name)
    }
}

/// The vowels, each with its five tones in [`TONED`].
const VOWELS: [char; 12] = ['a', 'ă', 'â', 'e', 'ê', 'i', 'o', 'ô', 'ơ', 'u', 'ư', 'y'];
/// The tones' combining marks: huyền, sắc, hỏi, ngã, nặng.
const TONES: [char; 5] = ['\u{300}', '\u{301}', '\u{309}', '\u{303}', '\u{323}'];
/// The small vowels with a tone, five for each of [`VOWELS`], in the order of [`TONES`].
const TONED: [char; 60] = [
    'à', 'á', 'ả', 'ã', 'ạ', 'ằ', 'ắ', 'ẳ', 'ẵ', 'ặ', 'ầ', 'ấ', 'ẩ', 'ẫ', 'ậ', //
    'è', 'é', 'ẻ', 'ẽ', 'ẹ', 'ề', 'ế', 'ể', 'ễ', 'ệ', 'ì', 'í', 'ỉ', 'ĩ', 'ị', //
    'ò', 'ó', 'ỏ', 'õ', 'ọ', 'ồ', 'ố', 'ổ', 'ỗ', 'ộ', 'ờ', 'ớ', 'ở', 'ỡ', 'ợ', //
    'ù', 'ú', 'ủ', 'ũ', 'ụ', 'ừ', 'ứ', 'ử', 'ữ', 'ự', 'ỳ', 'ý', 'ỷ', 'ỹ', 'ỵ',
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_cannot_be_seen_is_one_name() {
        for typed in [
            "Sở Y tế",
            " Sở Y tế ",
            "Sở\u{a0}Y tế",
            "Sở  Y tế",
            "Sở Y\u{200b} tế",
            "Sở\tY tế",
            "Sở Y t\u{ad}ế",
            "\u{200b} Sở Y tế \u{feff}",
            // Control characters no keyboard types: a terminal's escape, a bell.
            "\u{1b}Sở Y tế\u{7}",
            "Sở Y\u{7f} tế",
        ] {
            assert_eq!(unit_name(typed), "Sở Y tế", "{typed:?}");
        }
        assert!(matches!(unit_name("Sở Y tế"), Cow::Borrowed(_)));
        assert!(is_tidy("UBND xã Hòa Lạc") && !is_tidy("UBND xã\u{202f}Hòa Lạc"));
    }

    #[test]
    fn a_name_typed_without_marks_is_its_unmarked_key() {
        assert_eq!(unmarked_key("Sở Y tế"), "so y te");
        assert_eq!(unmarked_key("UBND huyện Đầm Dơi"), "ubnd huyen dam doi");
        assert_eq!(unmarked_key("Ữ Ắ Ộ"), "u a o");
    }

    proptest::proptest! {
        /// The quick questions answer as writing the name again would.
        #[test]
        fn a_name_is_tidy_or_shows_nothing_as_writing_it_again_says(
            typed in proptest::collection::vec(
                proptest::sample::select(vec![
                    ' ', ' ', 'a', 'ệ', '\u{a0}', '\t', '\n', '\u{200b}', '\u{ad}', '\u{feff}',
                    '\u{202f}', '\u{3000}', '\u{1b}', '\u{85}',
                ]),
                0..8,
            )
        ) {
            let typed: String = typed.into_iter().collect();
            let trimmed = typed.trim();
            proptest::prop_assert_eq!(is_tidy(trimmed), rebuilt(trimmed) == trimmed);
            proptest::prop_assert_eq!(shows_nothing(&typed), rebuilt(trimmed).is_empty());
        }
    }

    #[test]
    fn spellings_of_one_name_share_a_key_and_other_names_do_not() {
        let key = spelling_key;
        assert_eq!(key("UBND xã Hòa Lạc"), key("UBND xã Hoà Lạc"));
        assert_eq!(key("Sở Y tế"), key("SỞ Y TẾ"));
        assert_eq!(key("Thủy Nguyên"), key("Thuỷ Nguyên"));
        assert_ne!(key("Xã Hòa Bình"), key("Xã Hóa Bình"));
        assert_ne!(key("Xã Hòa Bình"), key("Xã Hoa Bình"));
        assert_ne!(key("Sở Y tế"), key("Sở Y tê"));
    }
}
