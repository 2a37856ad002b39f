//! What the repeat markers of a sentence ("as did Canada") ask of the
//! findings before them.

use super::Finding;
use atlas_model::{EventKind, Stance};
use std::collections::BTreeMap;

/// What the repeat markers of a sentence ask of its findings, kept as they
/// are added: for each actor, the findings that end before all the earlier
/// ones of that actor (the first of them to end before a marker is the
/// first of the actor's findings to do so); for each stance, the earliest
/// end of a finding that has it; and the actors with a finding that ends
/// before the last marker asked about, in actor order.
pub(super) struct Repeated<'a> {
    earliest: BTreeMap<&'a str, Vec<(usize, Stance, EventKind)>>,
    by_stance: [usize; 3],
    waiting: std::collections::BinaryHeap<std::cmp::Reverse<(usize, &'a str)>>,
    ready: std::collections::BTreeSet<&'a str>,
}

impl<'a> Repeated<'a> {
    pub(super) fn new(found: &BTreeMap<&'a str, Vec<Finding<'a>>>) -> Repeated<'a> {
        let mut r = Repeated {
            earliest: BTreeMap::new(),
            by_stance: [usize::MAX; 3],
            waiting: Default::default(),
            ready: Default::default(),
        };
        for f in found.values().flatten() {
            r.add(f.actor, f.mention.end, f.stance, f.kind);
        }
        r
    }

    fn stance_slot(s: Stance) -> usize {
        match s {
            Stance::Opposition => 0,
            Stance::Government => 1,
            Stance::Neutral => 2,
        }
    }

    /// A finding of `actor` ending at `end`, after all those added before.
    pub(super) fn add(&mut self, actor: &'a str, end: usize, stance: Stance, kind: EventKind) {
        let slot = &mut self.by_stance[Self::stance_slot(stance)];
        *slot = (*slot).min(end);
        let list = self.earliest.entry(actor).or_default();
        if list.last().is_none_or(|(e, _, _)| end < *e) {
            list.push((end, stance, kind));
            self.waiting.push(std::cmp::Reverse((end, actor)));
        }
    }

    /// The act of the first finding that ends at or before `at` (which
    /// never decreases from call to call), if every such finding has the
    /// same stance.
    pub(super) fn act_before(&mut self, at: usize) -> Option<(Stance, EventKind)> {
        if self.by_stance.iter().filter(|e| **e <= at).count() != 1 {
            return None;
        }
        while let Some(std::cmp::Reverse((end, actor))) = self.waiting.peek().copied() {
            if end > at {
                break;
            }
            self.waiting.pop();
            self.ready.insert(actor);
        }
        let actor = self.ready.first()?;
        let list = &self.earliest[actor];
        // Ends decrease along the list: the first one at or before `at`.
        let (_, stance, kind) = list[list.partition_point(|(e, _, _)| *e > at)];
        Some((stance, kind))
    }
}
