//! Article texts as the app reads them in context: one file per article,
//! written beside the app by the build and fetched when a reader asks.

/// One article's text as published for the app: its body (the file after a
/// byte-order mark and any front-matter block) and where that body starts in
/// the original file, so that an event's byte span still finds its quote.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct ArticleText {
    /// Byte offset of `body` in the article file.
    pub start: usize,
    /// The file's bytes from `start` on, unchanged.
    pub body: String,
}

impl ArticleText {
    /// The body of an article file.
    pub fn of(file: &str) -> ArticleText {
        let start = body_start(file);
        ArticleText { start, body: file[start..].to_string() }
    }

    /// The body split at a byte span of the original file: the text before
    /// the span, the span, and the text after it; `None` when the span does
    /// not lie on character boundaries inside the body.
    pub fn split(&self, start: usize, end: usize) -> Option<(&str, &str, &str)> {
        let (s, e) = (start.checked_sub(self.start)?, end.checked_sub(self.start)?);
        Some((self.body.get(..s)?, self.body.get(s..e)?, self.body.get(e..)?))
    }

    /// The published file: `start` in decimal on the first line, then the
    /// body byte for byte. (Plain text rather than JSON: the app reads it
    /// without a JSON parser for this type.)
    pub fn to_file(&self) -> String {
        format!("{}\n{}", self.start, self.body)
    }

    /// Reads a file written by [`ArticleText::to_file`].
    pub fn from_file(file: &str) -> Option<ArticleText> {
        let (start, body) = file.split_once('\n')?;
        Some(ArticleText { start: start.parse().ok()?, body: body.to_string() })
    }
}

/// Where an article file's body starts: after a UTF-8 byte-order mark and a
/// leading front-matter block (`---` lines around `key: value` lines), as the
/// extractor reads it.
pub fn body_start(file: &str) -> usize {
    let bom = if file.starts_with('\u{feff}') { 3 } else { 0 };
    let after = &file[bom..];
    let first = if after.starts_with("---\n") {
        4
    } else if after.starts_with("---\r\n") {
        5
    } else {
        return bom;
    };
    let mut offset = bom + first;
    for line in file[offset..].split_inclusive('\n') {
        offset += line.len();
        if line.trim_end() == "---" {
            return offset;
        }
    }
    bom
}

/// The folder the article texts of one corpus are published in,
/// `articles-XXXXXXXX`, named by a hash (FNV-1a) of every file's bytes in
/// order, so that a browser never pairs a new build with a cached old text.
pub fn texts_dir<'a>(files: impl IntoIterator<Item = &'a [u8]>) -> String {
    let hash = files
        .into_iter()
        .flat_map(|f| f.iter().chain(&[0xff]))
        .fold(0x811c_9dc5_u32, |h, &b| (h ^ u32::from(b)).wrapping_mul(0x0100_0193));
    format!("articles-{hash:08x}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_body_starts_after_a_bom_and_front_matter() {
        assert_eq!(body_start("Plain text."), 0);
        assert_eq!(body_start("\u{feff}Plain"), 3);
        let fm = "---\npublished: 2019-02-07\n---\nBody";
        assert_eq!(&fm[body_start(fm)..], "Body");
        let crlf = "\u{feff}---\r\nlang: es\r\n---\r\nCuerpo";
        assert_eq!(&crlf[body_start(crlf)..], "Cuerpo");
        assert_eq!(body_start("---\nnever closed"), 0, "an unclosed block is text");
        assert_eq!(body_start("----\nrule"), 0);
    }

    #[test]
    fn a_span_of_the_file_splits_the_body_at_the_same_bytes() {
        let file = "---\nlang: es\n---\nAntes. Perú reconoció a Guaidó. Después.";
        let t = ArticleText::of(file);
        let start = file.find("Perú").unwrap();
        let end = file.find(" Después").unwrap();
        assert_eq!(t.split(start, end), Some(("Antes. ", "Perú reconoció a Guaidó.", " Después.")));
        assert_eq!(t.split(2, end), None, "a span inside the front matter");
        assert_eq!(t.split(start + 4, end), None, "not on a character boundary (inside ú)");
        assert_eq!(t.split(start, file.len() + 1), None);
    }

    #[test]
    fn the_published_file_reads_back() {
        let t = ArticleText::of("---\nlang: es\n---\nPrimera línea\r\nsegunda\n");
        assert_eq!(ArticleText::from_file(&t.to_file()), Some(t));
        assert_eq!(ArticleText::from_file("x\nbody"), None);
        assert_eq!(ArticleText::from_file("12"), None);
    }

    #[test]
    fn the_folder_name_follows_every_byte() {
        let a = texts_dir([b"one".as_slice(), b"two".as_slice()]);
        assert!(a.starts_with("articles-") && a.len() == 17);
        assert_ne!(a, texts_dir([b"one".as_slice(), b"twO".as_slice()]));
        assert_ne!(a, texts_dir([b"onet".as_slice(), b"wo".as_slice()]), "file boundaries count");
    }
}
