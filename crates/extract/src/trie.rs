//! A byte trie of lowercase phrases, walked from one position of the text.
//!
//! The lexicon only ever asks "which phrases start exactly here?", at word
//! starts, so an anchored walk down a trie is all it needs. The trie is one
//! flat array of `u32` in which each node is a header word followed by its
//! edges, so a step of the walk reads one cache line rather than three
//! arrays; the root is a 256-entry table, since most words of an article
//! fail on their first or second byte.
//!
//! Matching folds case the way the keys were folded: ASCII letters, and the
//! Latin-1 capitals that Spanish and Portuguese use (`É`, `Ñ`, `Ú`...), so a
//! headline in capitals ("PERÚ RECONOCE") still finds `perú` and
//! `reconoce`.

/// No phrase ends at this node (the header's phrase bits all set).
const NONE: u32 = 0x00FF_FFFF;

/// Every phrase of the lexicon, lowercase, in one packed byte trie; a
/// phrase's number is its index in the keys it was built from.
pub struct Trie {
    /// The offset in `packed` of the node reached by each first byte, or 0
    /// when no phrase starts with it.
    root: Box<[u32; 256]>,
    /// Nodes laid end to end. A node is a header, `phrase | count << 24`
    /// (the phrase ending here or `NONE`, and the number of edges), then
    /// `count` edges, `byte << 24 | target offset`, sorted by byte. Offset 0
    /// holds a dummy word so that no node lives there.
    packed: Vec<u32>,
    /// The first one or two words of all phrases, hashed: most words of an
    /// article ("said", "government") start no phrase, and one probe here
    /// is far cheaper than the dependent loads of a walk down the trie.
    first_words: FirstWords,
    /// Where the walk stands after each phrase's first run of ASCII letters
    /// and digits, so that the walk from a word can skip the run the scan
    /// has already read and hashed.
    runs: Runs,
}

/// An open-addressing table from a run's hash to the trie node after it,
/// with the run's bytes kept to check a match.
struct Runs {
    slots: Vec<RunSlot>,
    /// The runs' bytes, end to end; a slot points into it.
    pool: Vec<u8>,
}

#[derive(Clone, Copy, Default)]
struct RunSlot {
    /// The run's [`WordHash`] value (never 0); 0 marks an empty slot.
    hash: u64,
    node: u32,
    at: u32,
    len: u32,
}

impl Runs {
    fn slot(&self, hash: u64) -> usize {
        (hash.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 40) as usize & (self.slots.len() - 1)
    }

    fn insert(&mut self, hash: u64, run: &[u8], node: u32) {
        let mut i = self.slot(hash);
        while self.slots[i].hash != 0 {
            let s = self.slots[i];
            if s.hash == hash && &self.pool[s.at as usize..(s.at + s.len) as usize] == run {
                return;
            }
            i = (i + 1) & (self.slots.len() - 1);
        }
        self.slots[i] = RunSlot { hash, node, at: self.pool.len() as u32, len: run.len() as u32 };
        self.pool.extend_from_slice(run);
    }

    /// The node after the run `text[start..start + len]`, hashed `hash`.
    #[inline]
    fn get(&self, text: &[u8], start: usize, len: usize, hash: u64) -> Option<usize> {
        let run = text.get(start..start + len)?;
        let mut i = self.slot(hash);
        loop {
            let s = self.slots[i];
            if s.hash == 0 {
                return None;
            }
            if s.hash == hash && s.len as usize == len {
                let key = &self.pool[s.at as usize..(s.at + s.len) as usize];
                if key.iter().zip(run).all(|(&k, &t)| ascii_word_byte(t) == k) {
                    return Some(s.node as usize);
                }
            }
            i = (i + 1) & (self.slots.len() - 1);
        }
    }
}

/// Which phrases may start at a word, judged from hashes of the word and
/// the word after it: a Bloom filter, so a false positive only costs a walk.
///
/// A "word" is a run of letters and digits; what is hashed of it is its
/// leading ASCII letters and digits, folded to lowercase (the "per" of
/// "perú" and "PERÚ"). A phrase of one word is filed under that word; a
/// phrase of several under its first two ("the united", "u s" for
/// "u.s."). So "the", which starts many phrases, lets a walk through only
/// before "United" or "Kremlin", not before every noun; and a phrase that
/// matches always passes, since the text then holds the phrase's bytes and
/// the phrase ends at a word boundary.
///
/// The filter is a bit set small enough to stay in the first-level cache
/// (8 KB for a few thousand phrases, two bits per key): a probe that
/// misses the cache costs more than the walk it saves, and every word of
/// an article is probed.
struct FirstWords {
    bits: Vec<u64>,
    /// The number of bits, less one (a power of two, less one).
    mask: u64,
}

impl FirstWords {
    fn new<'k>(keys: impl Iterator<Item = &'k [u8]>) -> FirstWords {
        let keys: Vec<u64> = keys
            .map(|k| {
                let (first, second) = leading_words(k);
                key(first, second)
            })
            .collect();
        // About 24 bits per key keeps false positives near one in a hundred.
        let size = (keys.len() * 24).next_power_of_two().max(64);
        let mut filter = FirstWords { bits: vec![0; size / 64], mask: size as u64 - 1 };
        for k in keys {
            for bit in filter.probes(k) {
                filter.bits[(bit >> 6) as usize] |= 1 << (bit & 63);
            }
        }
        filter
    }

    /// The two bits of key `k`. The running word hash mixes a word's last
    /// byte into few bits, so the key is mixed again (MurmurHash3's
    /// finaliser) before two bit positions are cut from it.
    #[inline]
    fn probes(&self, k: u64) -> [u64; 2] {
        let mut x = k;
        x ^= x >> 33;
        x = x.wrapping_mul(0xFF51_AFD7_ED55_8CCD);
        x ^= x >> 33;
        [x & self.mask, (x >> 32) & self.mask]
    }

    #[inline]
    fn contains(&self, k: u64) -> bool {
        self.probes(k).iter().all(|&bit| self.bits[(bit >> 6) as usize] & (1 << (bit & 63)) != 0)
    }
}

/// The filter key of a phrase that starts with the word hashed `first`,
/// followed by the word hashed `second` if the phrase has more than one.
#[inline]
fn key(first: WordHash, second: Option<WordHash>) -> u64 {
    match second {
        None => first.value(),
        Some(s) => first.value().rotate_left(29).wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ s.value(),
    }
}

/// The hashes of a phrase's first word and of its second word, if any,
/// with words as the scan of the text finds them: runs of characters that
/// are letters or digits.
fn leading_words(phrase: &[u8]) -> (WordHash, Option<WordHash>) {
    let first = word_hash(phrase);
    let Ok(text) = std::str::from_utf8(phrase) else { return (first, None) };
    let mut chars =
        text.char_indices().skip_while(|(_, c)| c.is_alphanumeric()).skip_while(|(_, c)| !c.is_alphanumeric());
    match chars.next() {
        Some((at, _)) => (first, Some(word_hash(&phrase[at..]))),
        None => (first, None),
    }
}

/// For each byte, its lowercase form if it is an ASCII letter or digit, else 0.
static ASCII_WORD: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        if c.is_ascii_alphanumeric() {
            t[b] = c.to_ascii_lowercase();
        }
        b += 1;
    }
    t
};

/// The lowercase form of `b` if it is an ASCII letter or digit, else 0.
#[inline]
pub fn ascii_word_byte(b: u8) -> u8 {
    ASCII_WORD[b as usize]
}

/// A running hash of folded word bytes, as [`Trie::may_start`] takes it.
#[derive(Clone, Copy)]
pub struct WordHash(u64);

impl WordHash {
    /// The hash of no bytes.
    pub const START: WordHash = WordHash(0x9E37_79B9_7F4A_7C15);

    /// The hash with one more folded byte (from [`ascii_word_byte`]).
    #[inline]
    pub fn push(self, folded: u8) -> WordHash {
        WordHash((self.0 ^ u64::from(folded)).wrapping_mul(0x0100_0000_01B3))
    }

    fn value(self) -> u64 {
        self.0 | 1
    }
}

/// The hash of the folded ASCII letters and digits at the start of `bytes`.
pub fn word_hash(bytes: &[u8]) -> WordHash {
    bytes.iter().map(|&b| ascii_word_byte(b)).take_while(|&f| f != 0).fold(WordHash::START, WordHash::push)
}

impl Trie {
    /// A trie of `keys`; key `i` is reported as phrase `i`. Keys must be
    /// lowercase already. An empty key is never matched.
    ///
    /// # Panics
    /// With 2^24 keys or more, or a trie of 2^24 words or more: far beyond
    /// any lexicon (the built-in one has a few thousand keys).
    pub fn new<S: AsRef<[u8]>>(keys: &[S]) -> Trie {
        // Build with sorted child lists per node, then lay the nodes out flat.
        let mut children: Vec<Vec<(u8, usize)>> = vec![Vec::new()];
        let mut phrase = vec![NONE];
        assert!(keys.len() < NONE as usize, "too many phrases for the trie");
        for (i, key) in keys.iter().enumerate() {
            let key = key.as_ref();
            if key.is_empty() {
                continue;
            }
            let mut node = 0usize;
            for &b in key {
                node = match children[node].binary_search_by_key(&b, |&(c, _)| c) {
                    Ok(k) => children[node][k].1,
                    Err(k) => {
                        let next = children.len();
                        children[node].insert(k, (b, next));
                        children.push(Vec::new());
                        phrase.push(NONE);
                        next
                    }
                };
            }
            if phrase[node] == NONE {
                phrase[node] = i as u32;
            }
        }
        // Offsets: node n starts where the nodes before it end, after the dummy word.
        let mut offset = vec![0usize; children.len()];
        let mut at = 1;
        for (n, kids) in children.iter().enumerate() {
            offset[n] = at;
            at += 1 + kids.len();
        }
        assert!(at < 1 << 24, "the trie is too large");
        let mut packed = Vec::with_capacity(at);
        packed.push(0);
        for (kids, &p) in children.iter().zip(&phrase) {
            packed.push(p | (kids.len() as u32) << 24);
            packed.extend(kids.iter().map(|&(b, n)| u32::from(b) << 24 | offset[n] as u32));
        }
        let mut root = Box::new([0u32; 256]);
        for &(b, n) in &children[0] {
            root[b as usize] = offset[n] as u32;
        }
        let first_words = FirstWords::new(keys.iter().map(AsRef::as_ref).filter(|k| !k.is_empty()));
        let mut trie = Trie { root, packed, first_words, runs: Runs { slots: Vec::new(), pool: Vec::new() } };
        // Each key's first run of ASCII letters and digits, where it has one.
        let with_runs: Vec<&[u8]> = keys
            .iter()
            .map(AsRef::as_ref)
            .filter_map(|k: &[u8]| {
                let run = k.iter().take_while(|&&b| ascii_word_byte(b) != 0).count();
                (run > 0).then(|| &k[..run])
            })
            .collect();
        trie.runs.slots = vec![RunSlot::default(); (with_runs.len() * 2).next_power_of_two().max(16)];
        for run in with_runs {
            // Keys are lowercase already, so the run's bytes are their own
            // folded form.
            if let Some(node) = trie.descend(run) {
                trie.runs.insert(word_hash(run).value(), run, node as u32);
            }
        }
        trie
    }

    /// False when no phrase can start at a word hashed `first` (see
    /// [`word_hash`]) followed by a word hashed `second` (`None` at the end
    /// of the text). True may still find none.
    #[inline]
    pub fn may_start(&self, first: WordHash, second: Option<WordHash>) -> bool {
        self.first_words.contains(key(first, None))
            || second.is_some_and(|s| self.first_words.contains(key(first, Some(s))))
    }

    /// The node reached from the root by exactly these bytes, if any.
    fn descend(&self, bytes: &[u8]) -> Option<usize> {
        let (&first, rest) = bytes.split_first()?;
        let mut node = self.root[first as usize] as usize;
        for &b in rest {
            if node == 0 {
                return None;
            }
            let count = (self.packed[node] >> 24) as usize;
            let edge = self.packed[node + 1..node + 1 + count].iter().find(|&&e| e >> 24 == u32::from(b))?;
            node = (edge & 0x00FF_FFFF) as usize;
        }
        (node != 0).then_some(node)
    }

    /// Calls `found(end, phrase)` for every phrase that starts at `start`,
    /// shortest first, with `end` the byte just after it.
    #[inline]
    pub fn walk(&self, text: &[u8], start: usize, found: impl FnMut(usize, usize)) {
        let Some(&first) = text.get(start) else { return };
        let node = self.root[fold(first, None) as usize] as usize;
        if node == 0 {
            return;
        }
        self.walk_from(text, node, start + 1, first, found);
    }

    /// [`Trie::walk`] for a word whose first run of ASCII letters and
    /// digits, `len` bytes hashed `hash` (see [`word_hash`]), the caller has
    /// read already: the walk starts after the run. It reports the phrases
    /// that end at the run's end or later; one that ends inside the run
    /// ends inside a word, which no phrase may.
    #[inline]
    pub fn walk_after_run(
        &self,
        text: &[u8],
        start: usize,
        len: usize,
        hash: WordHash,
        found: impl FnMut(usize, usize),
    ) {
        if len == 0 {
            return self.walk(text, start, found);
        }
        if let Some(node) = self.runs.get(text, start, len, hash.value()) {
            self.walk_from(text, node, start + len, text[start + len - 1], found);
        }
    }

    /// The walk from `node`, reached by the bytes before `i`, the last of
    /// them `prev`.
    #[inline]
    fn walk_from(&self, text: &[u8], mut node: usize, mut i: usize, mut prev: u8, mut found: impl FnMut(usize, usize)) {
        loop {
            let header = self.packed[node];
            let p = header & NONE;
            if p != NONE {
                found(i, p as usize);
            }
            let count = (header >> 24) as usize;
            let Some(&raw) = text.get(i) else { return };
            let b = u32::from(fold(raw, Some(prev)));
            let Some(edges) = self.packed.get(node + 1..node + 1 + count) else { return };
            let edge = if count <= 8 {
                edges.iter().find(|&&e| e >> 24 == b)
            } else {
                edges.binary_search_by_key(&b, |&e| e >> 24).ok().map(|k| &edges[k])
            };
            let Some(&edge) = edge else { return };
            node = (edge & 0x00FF_FFFF) as usize;
            prev = raw;
            i += 1;
        }
    }
}

/// The lowercase form of byte `b` of UTF-8 text, given the raw byte before
/// it: ASCII capitals, and the second byte of a Latin-1 capital (`C3 80` to
/// `C3 9E`, less `×`), which lowercases to the same lead byte plus 0x20.
#[inline]
fn fold(b: u8, prev: Option<u8>) -> u8 {
    if b.is_ascii_uppercase() {
        b | 0x20
    } else if prev == Some(0xC3) && (0x80..=0x9E).contains(&b) && b != 0x97 {
        b + 0x20
    } else {
        b
    }
}

#[cfg(test)]
mod tests {
    use super::Trie;

    fn matches(keys: &[&str], text: &str, start: usize) -> Vec<(usize, usize)> {
        let trie = Trie::new(keys);
        let mut out = Vec::new();
        trie.walk(text.as_bytes(), start, |end, p| out.push((end, p)));
        out
    }

    #[test]
    fn every_phrase_at_the_start_is_reported_shortest_first() {
        let keys = ["united", "united states", "united states of america", "unity"];
        assert_eq!(matches(&keys, "United States of America", 0), vec![(6, 0), (13, 1), (24, 2)]);
    }

    #[test]
    fn only_phrases_starting_exactly_there_are_reported() {
        assert_eq!(matches(&["us"], "thus us", 0), vec![]);
        assert_eq!(matches(&["us"], "thus us", 2), vec![(4, 0)]);
        assert_eq!(matches(&["us"], "thus us", 5), vec![(7, 0)]);
    }

    #[test]
    fn capitals_match_lowercase_keys_in_ascii_and_latin1() {
        assert_eq!(matches(&["perú"], "PERÚ RECONOCE", 0), vec![(5, 0)]);
        assert_eq!(matches(&["méxico"], "MÉXICO", 0), vec![(7, 0)]);
        assert_eq!(matches(&["españa"], "ESPAÑA", 0), vec![(7, 0)]);
    }

    #[test]
    fn the_multiplication_sign_is_not_folded() {
        // × (C3 97) has no lowercase form; ÷ (C3 B7) must not match it.
        assert_eq!(matches(&["a÷"], "A×", 0), vec![]);
    }

    #[test]
    fn text_ending_inside_a_phrase_matches_nothing_and_does_not_panic() {
        assert_eq!(matches(&["venezuela"], "Venez", 0), vec![]);
        assert_eq!(matches(&["venezuela"], "", 0), vec![]);
        assert_eq!(matches(&["venezuela"], "x", 5), vec![]);
    }

    /// The filter's verdict for a phrase at the start of `text`, with the
    /// words hashed as the lexicon's scan hashes them.
    fn may_start(trie: &Trie, text: &str) -> bool {
        let (first, second) = super::leading_words(text.as_bytes());
        trie.may_start(first, second)
    }

    #[test]
    fn every_phrase_that_matches_passes_the_first_word_filter() {
        let keys = ["perú", "u.s.", "venezuela", "the united states", "ee.uu.", "españa", "2024"];
        let trie = Trie::new(&keys);
        for text in ["PERÚ", "U.S.", "Venezuela’s", "The United States", "EE.UU.", "ESPAÑA", "2024"] {
            assert!(may_start(&trie, text), "{text}");
        }
        for text in ["said", "government", "Venezuelan", "per"] {
            let mut found = Vec::new();
            trie.walk(text.as_bytes(), 0, |end, p| found.push((end, p)));
            // A word the filter lets through may still match nothing; one
            // it stops matches at most a prefix that ends inside the word.
            if !may_start(&trie, text) {
                let inside = |end: usize| text.as_bytes().get(end).is_some_and(u8::is_ascii_alphanumeric);
                assert!(found.iter().all(|&(end, _)| inside(end)), "{text} was filtered out but matches");
            }
        }
        assert!(!may_start(&trie, "said"));
        assert!(!may_start(&trie, "government"));
    }

    #[test]
    fn a_phrase_of_several_words_lets_its_first_word_through_only_before_its_second() {
        let trie = Trie::new(&["the united states", "u.s.", "president-elect", "perú", "el perú"]);
        for text in ["The United States", "the united kingdom", "U.S. officials", "President-elect", "El Perú"] {
            assert!(may_start(&trie, text), "{text}");
        }
        for text in ["the government", "U.N. officials", "president Biden", "el gobierno"] {
            assert!(!may_start(&trie, text), "{text}");
        }
    }

    #[test]
    fn the_walk_after_a_run_finds_what_the_whole_walk_finds_past_the_run() {
        let keys = ["us", "u.s.", "united", "united states", "perú", "el perú", "maduro", "maduro's", "ébola", "2024"];
        let trie = Trie::new(&keys);
        let text = "The United States, the U.S. and US officials; Maduro's PERÚ trip, el Perú, Ébola, 2024 thus";
        let b = text.as_bytes();
        for start in 0..b.len() {
            if start > 0 && b[start - 1].is_ascii_alphanumeric() {
                continue;
            }
            let run = b[start..].iter().take_while(|&&c| super::ascii_word_byte(c) != 0).count();
            let mut whole = Vec::new();
            trie.walk(b, start, |end, p| whole.push((end, p)));
            whole.retain(|&(end, _)| end >= start + run);
            let mut after = Vec::new();
            trie.walk_after_run(b, start, run, super::word_hash(&b[start..]), |end, p| after.push((end, p)));
            assert_eq!(after, whole, "at {start}: {:?}", &text[start..]);
        }
    }

    #[test]
    fn duplicate_keys_report_the_first() {
        assert_eq!(matches(&["eu", "eu"], "EU", 0), vec![(2, 0)]);
    }

    #[test]
    fn wide_nodes_use_the_sorted_search() {
        let keys: Vec<String> = (b'a'..=b'z').map(|c| format!("x{}", c as char)).collect();
        let trie = Trie::new(&keys);
        for (i, k) in keys.iter().enumerate() {
            let mut out = Vec::new();
            trie.walk(k.to_uppercase().as_bytes(), 0, |end, p| out.push((end, p)));
            assert_eq!(out, vec![(2, i)], "{k}");
        }
    }
}
