//! A byte trie of lowercase phrases, walked from one position of the text.
//!
//! The lexicon only ever asks "which phrases start exactly here?", at word
//! starts, so an anchored walk down a trie is all it needs. Nodes live in
//! flat arrays (no pointer per node, no allocation per walk), and the root
//! is a 256-entry table: most words of an article fail on their first or
//! second byte.
//!
//! Matching folds case the way the keys were folded: ASCII letters, and the
//! Latin-1 capitals that Spanish and Portuguese use (`É`, `Ñ`, `Ú`...), so a
//! headline in capitals ("PERÚ RECONOCE") still finds `perú` and
//! `reconoce`.

/// No phrase ends at this node.
const NONE: u32 = u32::MAX;

#[derive(Clone, Copy)]
struct Node {
    /// Index of the first outgoing edge in `edge_bytes`/`edge_targets`.
    first_edge: u32,
    edge_count: u32,
    /// The phrase that ends here, or `NONE`.
    phrase: u32,
}

pub struct Trie {
    /// The node reached by each first byte, or 0 (the root itself, which no
    /// edge leads back to) when no phrase starts with it.
    root: Box<[u32; 256]>,
    nodes: Vec<Node>,
    /// Edges of node `n` are `first_edge..first_edge + edge_count`, sorted by byte.
    edge_bytes: Vec<u8>,
    edge_targets: Vec<u32>,
}

impl Trie {
    /// A trie of `keys`; key `i` is reported as phrase `i`. Keys must be
    /// lowercase already. An empty key is never matched.
    pub fn new<S: AsRef<[u8]>>(keys: &[S]) -> Trie {
        // Build with sorted child lists per node, then lay the edges out flat.
        let mut children: Vec<Vec<(u8, u32)>> = vec![Vec::new()];
        let mut phrase = vec![NONE];
        for (i, key) in keys.iter().enumerate() {
            let key = key.as_ref();
            if key.is_empty() {
                continue;
            }
            let mut node = 0usize;
            for &b in key {
                node = match children[node].binary_search_by_key(&b, |&(c, _)| c) {
                    Ok(k) => children[node][k].1 as usize,
                    Err(k) => {
                        let next = children.len() as u32;
                        children[node].insert(k, (b, next));
                        children.push(Vec::new());
                        phrase.push(NONE);
                        next as usize
                    }
                };
            }
            if phrase[node] == NONE {
                phrase[node] = i as u32;
            }
        }
        let mut root = Box::new([0u32; 256]);
        for &(b, n) in &children[0] {
            root[b as usize] = n;
        }
        let mut nodes = Vec::with_capacity(children.len());
        let mut edge_bytes = Vec::new();
        let mut edge_targets = Vec::new();
        for (kids, &p) in children.iter().zip(&phrase) {
            nodes.push(Node { first_edge: edge_bytes.len() as u32, edge_count: kids.len() as u32, phrase: p });
            edge_bytes.extend(kids.iter().map(|&(b, _)| b));
            edge_targets.extend(kids.iter().map(|&(_, n)| n));
        }
        Trie { root, nodes, edge_bytes, edge_targets }
    }

    /// Calls `found(end, phrase)` for every phrase that starts at `start`,
    /// shortest first, with `end` the byte just after it.
    #[inline]
    pub fn walk(&self, text: &[u8], start: usize, mut found: impl FnMut(usize, usize)) {
        let Some(&first) = text.get(start) else { return };
        let mut node = self.root[fold(first, None) as usize];
        if node == 0 {
            return;
        }
        let mut prev = first;
        let mut i = start + 1;
        loop {
            let n = self.nodes[node as usize];
            if n.phrase != NONE {
                found(i, n.phrase as usize);
            }
            let Some(&raw) = text.get(i) else { return };
            let b = fold(raw, Some(prev));
            let edges = n.first_edge as usize..(n.first_edge + n.edge_count) as usize;
            let bytes = &self.edge_bytes[edges.clone()];
            let k = if bytes.len() <= 8 {
                match bytes.iter().position(|&c| c == b) {
                    Some(k) => k,
                    None => return,
                }
            } else {
                match bytes.binary_search(&b) {
                    Ok(k) => k,
                    Err(_) => return,
                }
            };
            node = self.edge_targets[edges.start + k];
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
