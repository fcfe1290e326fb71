//! Folding text the way staff type it: lower case and without accents, so that
//! "muller" finds "Müller" and "zurich" finds "Zürich".

/// Lower-cases `text` and strips the accents of Latin letters (`Müller` → `muller`,
/// `Çelik` → `celik`), as the trigram index does: letters that are accented forms of a
/// base letter lose the accent, letters of their own (`ø`, `ł`, `ı`, `đ`) stay.
pub(crate) fn fold(text: &str) -> String {
    let mut folded = String::with_capacity(text.len());
    fold_into(text, &mut folded);
    folded
}

/// [`fold`] into a buffer the caller reuses.
pub(crate) fn fold_into(text: &str, folded: &mut String) {
    for c in text.chars() {
        if c.is_ascii() {
            folded.push(c.to_ascii_lowercase());
            continue;
        }
        for lower in c.to_lowercase() {
            folded.push(strip_accent(lower));
        }
    }
}

/// The base letter of an accented lower-case Latin letter; other characters unchanged.
fn strip_accent(c: char) -> char {
    match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => 'a',
        'ç' | 'ć' | 'ĉ' | 'ċ' | 'č' => 'c',
        'ď' => 'd',
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ĕ' | 'ė' | 'ę' | 'ě' => 'e',
        'ĝ' | 'ğ' | 'ġ' | 'ģ' => 'g',
        'ĥ' => 'h',
        'ì' | 'í' | 'î' | 'ï' | 'ĩ' | 'ī' | 'ĭ' | 'į' => 'i',
        'ĵ' => 'j',
        'ķ' => 'k',
        'ĺ' | 'ļ' | 'ľ' => 'l',
        'ñ' | 'ń' | 'ņ' | 'ň' => 'n',
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ō' | 'ŏ' | 'ő' => 'o',
        'ŕ' | 'ŗ' | 'ř' => 'r',
        'ś' | 'ŝ' | 'ş' | 'š' | 'ș' => 's',
        'ţ' | 'ť' | 'ț' => 't',
        'ù' | 'ú' | 'û' | 'ü' | 'ũ' | 'ū' | 'ŭ' | 'ů' | 'ű' | 'ų' => 'u',
        'ŵ' => 'w',
        'ý' | 'ÿ' | 'ŷ' => 'y',
        'ź' | 'ż' | 'ž' => 'z',
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::fold;

    #[test]
    fn folds_case_and_accents_of_swiss_names() {
        assert_eq!(fold("Müller"), "muller");
        assert_eq!(fold("ZÜRICH"), "zurich");
        assert_eq!(fold("Genève Čolić"), "geneve colic");
        assert_eq!(fold("+41 79 123"), "+41 79 123");
    }
}
