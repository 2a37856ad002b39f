//! The readers: one per construction, each starting at one hit of the
//! sentence and adding what it reads to the [`Reading`]'s findings, or
//! noting which guard stopped it.

use super::context::Agent;
use super::trace::{Construction, Guard};
use super::{polarity_of, stance_of, Reading, CHAIN_REACH, TARGET_REACH};
use crate::lexicon::{Align, Cue, Tag};
use crate::text::{word_count, words_borrowed};
use atlas_model::{EventKind, Stance};

/// An act read from an active cue: the cue, its target and the polarity
/// of the chain between them.
struct Act {
    cue_hit: usize,
    cue: Cue,
    target: usize,
    align: Align,
    polarity: i8,
    negated: bool,
}

impl<'l> Reading<'l, '_, '_> {
    /// Reads the construction that starts at hit `i`, if any.
    pub(super) fn read_at(&mut self, i: usize) {
        let h = &self.ctx.s.hits[i];
        if (h.has(Tag::RestoreVerb) || h.has(Tag::RestoreAct)) && self.restoration(i) {
            return;
        }
        if h.has(Tag::LeaveVerb) && self.left_group(i) {
            return;
        }
        let intrinsic = h.has(Tag::IntrinsicOpposition) || h.has(Tag::IntrinsicOppositionRecognition);
        if h.cue().is_some() || intrinsic {
            if let Some((guard, words)) = self.ctx.undone(i) {
                self.void_undone(i, guard, words);
                return;
            }
        }
        let cue = match h.cue() {
            Some(_) if self.ctx.cancels_next_cue(i) => {
                self.block(Construction::ActiveCue, i, Guard::CancelsNextCue, h.start..h.end);
                None
            }
            c => c,
        };
        if let Some(cue) = cue {
            self.consumed[i] = true;
            match cue {
                Cue::SupportPassive | Cue::OpposePassive => self.passive_cue(i, cue),
                Cue::Thanks => self.thanks(i),
                Cue::Advocate => self.call(i),
                Cue::Meet => self.meeting(i),
                Cue::Support | Cue::Recognition | Cue::Oppose => self.active_cue(i, cue),
            }
        } else if intrinsic {
            self.intrinsic_stance(i);
        } else if h.has(Tag::IntrinsicNeutral) {
            self.consumed[i] = true;
            match self.ctx.negation(i) {
                Some(w) => self.block(Construction::IntrinsicNeutral, i, Guard::Negation, w),
                None => self.add(
                    Construction::IntrinsicNeutral,
                    i,
                    None,
                    self.ctx.subject(i),
                    Stance::Neutral,
                    EventKind::Statement,
                ),
            }
        } else if h.has(Tag::RuptureVerb) || h.has(Tag::WithdrawVerb) {
            self.rupture(i);
        }
    }

    /// A cue undone by a modal or a cancelling act: it, and the chain and
    /// target that follow it, report no act.
    fn void_undone(&mut self, i: usize, guard: Guard, words: std::ops::Range<usize>) {
        let hits = self.ctx.s.hits;
        self.consumed[i] = true;
        for k in i + 1..hits.len() {
            if self.ctx.words_between(hits[i].end, hits[k].start) > TARGET_REACH || hits[k].actor().is_some() {
                break;
            }
            self.consumed[k] = true;
            if hits[k].side().is_some() {
                break;
            }
        }
        let construction =
            if hits[i].cue().is_some() { Construction::ActiveCue } else { Construction::IntrinsicStance };
        self.block(construction, i, guard, words);
    }

    /// "restableció relaciones diplomáticas con", "reopened its embassy in
    /// Caracas", "presentó sus cartas credenciales": a restoration, which
    /// sides with the government that receives it. False when no noun of
    /// relations or diplomats follows the verb, so it is no restoration.
    fn restoration(&mut self, i: usize) -> bool {
        let hits = self.ctx.s.hits;
        let h = &hits[i];
        // Relations, diplomats, or what a restoration reopens.
        let relation =
            |k: usize| hits[k].has(Tag::RuptureNoun) || hits[k].has(Tag::DiplomatNoun) || hits[k].has(Tag::RestoreNoun);
        let noun = h.has(Tag::RestoreAct)
            || (i + 1..hits.len()).any(|k| relation(k) && self.ctx.words_between(h.end, hits[k].start) <= 4);
        if !noun {
            return false;
        }
        self.consumed[i] = true;
        if let Some((guard, words)) = self.guard_negated_or_undone(i) {
            self.block(Construction::Restoration, i, guard, words);
            return true;
        }
        // "a favor de la normalización de las relaciones", "called for the
        // restoration of": advocating a restoration is a wish, not the act.
        if let Some(words) = self.ctx.advocated(i, 2, 3) {
            self.block(Construction::Restoration, i, Guard::Modal, words);
            return true;
        }
        let mut actors = self.ctx.subject(i);
        if actors.is_empty() && matches!(self.ctx.nearest_agent(i), Some(Agent::Venezuela)) {
            actors = self.ctx.objects_after(i);
        }
        // "Izan la bandera de EEUU en su embajada", "flag raised at US
        // Embassy": with no one before it, the flag's or the embassy's
        // owner, right after the act, restores the mission.
        if actors.is_empty() && h.has(Tag::RestoreAct) {
            actors = self.ctx.list_after(i, false, 1);
        }
        // "se restablecieron las relaciones entre Venezuela y Honduras":
        // with no one before it, the relation's other party restores it.
        if actors.is_empty() {
            let noun = (i + 1..hits.len()).find(|&k| relation(k));
            actors = self.ctx.partner_of_venezuela(noun.unwrap_or(i));
        }
        self.add(Construction::Restoration, i, None, actors, Stance::Government, EventKind::Restoration);
        true
    }

    /// The negation, else the modal or cancelling act, that stops the act at hit `i`.
    fn guard_negated_or_undone(&self, i: usize) -> Option<(Guard, std::ops::Range<usize>)> {
        self.ctx.negation(i).map(|w| (Guard::Negation, w)).or_else(|| self.ctx.undone(i))
    }

    /// "abandonó el Grupo de Lima": leaving the group that backed the
    /// opposition withdraws that backing. False when the Lima Group does
    /// not follow the verb.
    fn left_group(&mut self, i: usize) -> bool {
        let hits = self.ctx.s.hits;
        let h = &hits[i];
        let lima = hits.get(i + 1).is_some_and(|n| {
            matches!(n.actor(), Some(Tag::Group(g)) if self.ctx.lex.groups[g as usize].id == "lima_group")
                && self.ctx.words_between(h.end, n.start) <= 2
        });
        if !lima {
            return false;
        }
        self.consumed[i] = true;
        self.consumed[i + 1] = true;
        match self.guard_negated_or_undone(i) {
            Some((guard, words)) => self.block(Construction::LeftGroup, i, guard, words),
            None => {
                let actors = self.ctx.subject(i);
                self.add(Construction::LeftGroup, i, Some(i + 1), actors, Stance::Neutral, EventKind::Derecognition);
            }
        }
        true
    }

    /// "Guaidó's claim is backed by Brazil": the actors after the cue back
    /// (or question) the side named before it, or failing that after it.
    fn passive_cue(&mut self, i: usize, cue: Cue) {
        let hits = self.ctx.s.hits;
        let h = &hits[i];
        // "una declaración, respaldada por Chile y Perú, rechazó": the
        // actors after it sign the statement's act, told by another cue;
        // they do not back what it is aimed at.
        if cue == Cue::SupportPassive && self.ctx.after_document(i) {
            self.block(Construction::PassiveCue, i, Guard::StatementSignatories, h.start..h.end);
            return;
        }
        // "Guaidó pidió el apoyo de Colombia", "requested the support of":
        // support asked for is not yet given.
        if let Some(words) = self.ctx.advocated(i, 1, 1) {
            self.block(Construction::PassiveCue, i, Guard::Modal, words);
            return;
        }
        // "Maduro ..., while the opposition leader declared himself
        // president with the support of the U.S.": the side before a
        // clause break is not what is supported.
        let target = self
            .ctx
            .nearest_side(i)
            .filter(|(t, _)| !self.ctx.breaks_clause(hits[*t].end, h.start))
            .or_else(|| self.ctx.first_side_after(i));
        let Some((t, align)) = target else {
            self.incomplete(Construction::PassiveCue, i, "no side before it, nor after it within reach");
            return;
        };
        self.consumed[t] = true;
        let actors = self.ctx.actors_after(i);
        let (polarity, kind) =
            if cue == Cue::OpposePassive { (-1, EventKind::Statement) } else { (1, EventKind::Endorsement) };
        self.add(Construction::PassiveCue, i, Some(t), actors, stance_of(polarity, align), kind);
    }

    /// "Maduro thanked Russia for its support": the side that thanks is
    /// named right before (Venezuela speaks for its government), the actors
    /// thanked right after, and the support they are thanked for after them.
    fn thanks(&mut self, i: usize) {
        let hits = self.ctx.s.hits;
        let h = &hits[i];
        if let Some(w) = self.ctx.negation(i) {
            self.block(Construction::Thanks, i, Guard::Negation, w);
            return;
        }
        let thanker = (0..i).rev().take_while(|&k| self.ctx.words_between(hits[k].end, h.start) <= 3).find_map(|k| {
            match hits[k].side() {
                Some(Align::Neutral | Align::Force) => None,
                Some(a) => Some(a),
                None => hits[k].has(Tag::Venezuela).then_some(Align::Government),
            }
        });
        let Some(align) = thanker else {
            self.incomplete(Construction::Thanks, i, "no side thanking right before it");
            return;
        };
        let actors = self.ctx.list_after(i, false, 3);
        let Some(last) = actors.iter().map(|(_, m)| m.end).max() else {
            self.incomplete(Construction::Thanks, i, "no one thanked right after it");
            return;
        };
        // Past three words after the list, no later hit can be it.
        let support = (i + 1..hits.len())
            .take_while(|&k| hits[k].start < last || self.ctx.words_between(last, hits[k].start) <= 3)
            .find(|&k| {
                hits[k].start >= last
                    && hits[k].cue() == Some(Cue::Support)
                    && self.ctx.words_between(last, hits[k].start) <= 3
                    && !self.ctx.breaks_clause(last, hits[k].start)
            });
        let Some(k) = support else {
            self.incomplete(Construction::Thanks, i, "no support thanked for after those thanked");
            return;
        };
        self.consumed[k] = true;
        self.add(Construction::Thanks, i, Some(k), actors, stance_of(1, align), EventKind::Endorsement);
    }

    /// "urged the government and the opposition to seek dialogue": the
    /// addressees come first; the call is for the neutral target.
    /// "welcomed the agreement": a welcome, not a call; and welcoming the
    /// use of force (2026) is one too.
    fn call(&mut self, i: usize) {
        let hits = self.ctx.s.hits;
        let h = &hits[i];
        let cue_text = self.ctx.between(h.start, h.end).to_lowercase();
        let welcome = self.ctx.lex.welcome.contains(&cue_text);
        let target = (i + 1..hits.len())
            .take_while(|&k| self.ctx.words_between(hits[i].end, hits[k].start) <= TARGET_REACH)
            .find_map(|k| {
                hits[k].side().filter(|a| *a == Align::Neutral || welcome && *a == Align::Force).map(|a| (k, a))
            });
        let Some((t, _)) = target else {
            self.incomplete(Construction::Call, i, "no neutral target within reach");
            return;
        };
        if let Some(w) = self.ctx.negation(i) {
            self.block(Construction::Call, i, Guard::Negation, w);
            return;
        }
        let kind = if welcome { EventKind::Welcome } else { EventKind::CallForDialogue };
        self.add(Construction::Call, i, Some(t), self.ctx.subject(i), Stance::Neutral, kind);
    }

    /// "Canada recognized Guaidó", "critical of Trump's recognition of
    /// Guaidó": a cue, the chain of cues after it and the target it ends
    /// on, held by the subject before the cue.
    fn active_cue(&mut self, i: usize, cue: Cue) {
        let negated = self.ctx.negation(i).is_some();
        let (polarity, target) = self.chain(i, cue, negated);
        // Failing a target after the cue, the nearest one before it that no
        // earlier cue has claimed ("Guaidó has violated").
        let target = target
            .or_else(|| self.ctx.nearest_side(i).filter(|(t, _)| !self.consumed[*t] && self.ctx.aims_back(*t, i)));
        let Some((t, align)) = target else {
            self.incomplete(Construction::ActiveCue, i, "no target within reach");
            return;
        };
        self.consumed[t] = true;
        let mut act = Act { cue_hit: i, cue, target: t, align, polarity, negated };
        self.negated_target(&mut act);
        self.consume_titles(t);
        // "el reconocido como presidente interino": a participle after an
        // article names someone, it reports no act.
        if self.ctx.nominal_participle(i) {
            let h = &self.ctx.s.hits[i];
            self.block(Construction::ActiveCue, i, Guard::NominalParticiple, h.start..h.end);
            return;
        }
        self.verdict_after_target(&mut act);
        self.fate_of_target(&mut act);
        self.hostile_act_aimed_at_target(&mut act);
        if let Some((guard, words)) = self.act_guard(&act) {
            self.block(Construction::ActiveCue, i, guard, words);
            return;
        }
        self.hold(&act);
    }

    /// "Xi Jinping se reunió hoy en Pekín con su homólogo venezolano": meeting
    /// Venezuela's head of state, or a claimant to the office, in person is
    /// dealing with them as such. The one met is the first side after the
    /// verb with no other cue between ("met with Colombia's minister to
    /// discuss support for Guaidó" leaves "support for" its own act).
    fn meeting(&mut self, i: usize) {
        let hits = self.ctx.s.hits;
        let met = (i + 1..hits.len())
            .take_while(|&k| hits[k].cue().is_none())
            .find_map(|k| self.ctx.target_align(k, i).map(|a| (k, a)));
        let Some((t, align)) = met else {
            if !self.reciprocal_meeting(i) && !self.hosted_meeting(i) {
                self.incomplete(Construction::Meeting, i, "no one met within reach");
            }
            return;
        };
        if !self.ctx.met_as_head_of_state(i, t) {
            self.block(Construction::Meeting, i, Guard::NotHeadOfState, hits[t].start..hits[t].end);
            return;
        }
        // "received González as president-elect": the title tells the act.
        let titled = (t + 1..hits.len())
            .take_while(|&k| self.ctx.words_between(hits[t].end, hits[k].start) <= 4)
            .any(|k| hits[k].has(Tag::IntrinsicOppositionRecognition));
        if titled {
            self.incomplete(Construction::Meeting, i, "the title after the one met tells the act");
            return;
        }
        self.consumed[t] = true;
        if let Some(w) = self.ctx.negation(i) {
            self.block(Construction::Meeting, i, Guard::Negation, w);
            return;
        }
        let actors = self.ctx.subject(i);
        self.add(Construction::Meeting, i, Some(t), actors, stance_of(1, align), EventKind::Endorsement);
    }

    /// "Maduro recibió al premier de Dominica, Roosevelt Skerrit", "Maduro
    /// met with Petro": Venezuela's head of state (or a claimant) as the
    /// subject, receiving or meeting a foreign office-holder in person, is
    /// that one's meeting with it. The one met is the first actor after
    /// the cue, in its clause, right after the cue or after a meeting link
    /// ("con", "al", "with") a few words before it, and either a person
    /// the gazetteer knows or named with a head's title. False when the
    /// sentence is not of that form.
    fn hosted_meeting(&mut self, i: usize) -> bool {
        let hits = self.ctx.s.hits;
        let subject = (0..i)
            .rev()
            .take_while(|&k| self.ctx.words_between(hits[k].end, hits[i].start) <= 8 && hits[k].cue().is_none())
            .find(|&k| hits[k].side().is_some() || hits[k].actor().is_some());
        // The head is the subject itself, not one named inside it ("Macri, a
        // Guaidó ally, met Bolsonaro").
        let Some(head) = subject
            .filter(|&k| self.ctx.met_as_head_of_state_at(k) && !self.ctx.in_apposition(k) && !self.ctx.is_object(k))
        else {
            return false;
        };
        // Right before the verb, with no comma between ("Macri, a Guaidó
        // ally, met Bolsonaro" is Macri's meeting, not Guaidó's).
        if self.ctx.breaks_clause(hits[head].end, hits[i].start)
            || self.ctx.between(hits[head].end, hits[i].start).contains(',')
        {
            return false;
        }
        let Some(t) = (i + 1..hits.len())
            .take_while(|&k| self.ctx.words_between(hits[i].end, hits[k].start) <= 16 && hits[k].cue().is_none())
            .find(|&k| hits[k].actor().is_some() && !hits[k].has(Tag::Venezuela) && self.ctx.usable(k))
        else {
            return false;
        };
        if self.ctx.breaks_clause(hits[i].end, hits[t].start) {
            return false;
        }
        // The object phrase: from the last meeting link (the cue's own, as
        // in "se reunió con", counts) to the one met, or the one word right
        // after a cue without one.
        let phrase = match self.ctx.after_meeting_link(i, t) {
            Some(after) => after,
            None if self.ctx.words_between(hits[i].end, hits[t].start) <= 1 => {
                crate::text::words_borrowed(self.ctx.between(hits[i].end, hits[t].start)).collect()
            }
            None => return false,
        };
        let grammar = self.ctx.grammar();
        let person = matches!(hits[t].actor(), Some(Tag::Person(_)));
        let titled = phrase.iter().any(|w| grammar.heads.contains(w));
        if phrase.len() > 6 || !(person || titled) {
            return false;
        }
        if let Some((guard, words)) = self.guard_negated_or_undone(i) {
            self.block(Construction::Meeting, i, guard, words);
            return true;
        }
        let align = hits[head].side().expect("a side");
        self.consumed[head] = true;
        self.consumed[t] = true;
        let actors = self.ctx.resolve(t);
        self.add(Construction::Meeting, i, Some(head), actors, stance_of(1, align), EventKind::Endorsement);
        true
    }

    /// "Petro and Maduro met", "Los presidentes de Venezuela, Nicolás
    /// Maduro, y Argentina, Alberto Fernández, mantuvieron una reunión": a
    /// meeting told of both, one of them Venezuela's head of state (or a
    /// claimant), backs that side for the others. The two are joined by a
    /// coordinator, before the cue, in one clause. False when the sentence
    /// is not of that form.
    fn reciprocal_meeting(&mut self, i: usize) -> bool {
        let hits = self.ctx.s.hits;
        let near = |k: usize| self.ctx.words_between(hits[k].end, hits[i].start) <= 12;
        let Some(head) = (0..i)
            .rev()
            .take_while(|&k| near(k) && hits[k].cue().is_none())
            .find(|&k| self.ctx.met_as_head_of_state_at(k))
        else {
            return false;
        };
        // The others are the head's list: hits joined to it by list glue
        // only ("Petro and Maduro", "Venezuela, Nicolás Maduro, y Argentina,
        // Alberto Fernández"), up to the cue.
        let mut chain = vec![head];
        let mut k = head;
        while k > 0 && self.ctx.glued(k - 1, k) {
            k -= 1;
            chain.push(k);
        }
        let mut k = head;
        while k + 1 < i && self.ctx.glued(k, k + 1) {
            k += 1;
            chain.push(k);
        }
        let others: Vec<usize> = chain
            .iter()
            .copied()
            .filter(|&k| k != head && !hits[k].has(Tag::Venezuela) && hits[k].actor().is_some() && self.ctx.usable(k))
            .collect();
        let (Some(&first), Some(&last)) = (chain.iter().min(), chain.iter().max()) else { return false };
        // The pair is the verb's subject: right before it ("se reunieron",
        // "mantuvieron este martes una reunión"), in its clause.
        if others.is_empty()
            || !self.ctx.coordinated(hits[first].end, hits[last].start)
            || self.ctx.words_between(hits[last].end, hits[i].start) > 5
            || self.ctx.breaks_clause(hits[last].end, hits[i].start)
        {
            return false;
        }
        if let Some((guard, words)) = self.guard_negated_or_undone(i) {
            self.block(Construction::Meeting, i, guard, words);
            return true;
        }
        let mut actors = Vec::new();
        for k in others {
            for a in self.ctx.resolve(k) {
                if !actors.iter().any(|(code, _): &(&str, _)| *code == a.0) {
                    actors.push(a);
                }
            }
        }
        let align = hits[head].side().expect("a side");
        self.consumed[head] = true;
        self.add(Construction::Meeting, i, Some(head), actors, stance_of(1, align), EventKind::Endorsement);
        true
    }

    /// The chain of cues after the cue at hit `i` ("critical of Trump's
    /// recognition of Guaidó" is − × +) and the target it ends on: the
    /// chain's polarity and the target, if one is within reach.
    fn chain(&mut self, i: usize, cue: Cue, negated: bool) -> (i8, Option<(usize, Align)>) {
        let Reading { ctx, consumed, .. } = self;
        let hits = ctx.s.hits;
        let mut polarity = polarity_of(cue, negated);
        let mut j = i + 1;
        let mut last_end = hits[i].end;
        while j < hits.len() {
            let n = &hits[j];
            // Past the target's reach nothing can join the chain or be its
            // target (and the reach only grows).
            if ctx.words_between(last_end, n.start) > TARGET_REACH {
                break;
            }
            // A new actor starts a new clause with its own cues, unless it
            // is a possessive inside the phrase ("critical of Trump's
            // recognition of Guaidó").
            let opens_clause = hits.get(j + 1).is_some_and(|k| k.cue().is_some());
            if n.actor().is_some() && n.side().is_none() && !ctx.possessive(j) && opens_clause {
                break;
            }
            if consumed[j] {
                j += 1;
                continue;
            }
            if let Some(c2) = n.cue().filter(|c| {
                !matches!(c, Cue::SupportPassive | Cue::OpposePassive | Cue::Advocate | Cue::Thanks | Cue::Meet)
            }) {
                // "una dictadura", tras el "fraude": two cues across a
                // clause break are two verdicts, not one nested in the other.
                // "recognized and expressed support for": two verbs of one
                // object; the first one speaks.
                let coordinated = ctx.coordinated(last_end, n.start);
                let right_after = words_borrowed(ctx.between(last_end, n.start))
                    .next()
                    .is_some_and(|w| ctx.lex.coordinators.contains(&*w));
                if coordinated && right_after && ctx.words_between(last_end, n.start) <= 3 {
                    consumed[j] = true;
                    last_end = n.end;
                    j += 1;
                    continue;
                }
                // "condemning the farce and supporting the interim
                // president": cues side by side, each with its own object.
                if ctx.words_between(last_end, n.start) > CHAIN_REACH
                    || ctx.breaks_clause(last_end, n.start)
                    || coordinated
                {
                    break;
                }
                polarity *= polarity_of(c2, ctx.negation(j).is_some());
                consumed[j] = true;
                last_end = n.end;
            } else if let Some(a) = ctx.target_align(j, i) {
                // "offered support after the opposition leader declared
                // ...": past a clause break the side named is no longer the
                // cue's target.
                if ctx.words_between(last_end, n.start) <= TARGET_REACH && !ctx.breaks_clause(last_end, n.start) {
                    return (polarity, Some((j, a)));
                }
                break;
            }
            j += 1;
        }
        (polarity, None)
    }

    /// "did not consider Maduro to be the legitimate president": a negator
    /// before a target named before the cue negates the cue.
    fn negated_target(&self, act: &mut Act) {
        if act.target < act.cue_hit && !act.negated && self.ctx.negation(act.target).is_some() {
            act.polarity = -act.polarity;
            act.negated = true;
        }
    }

    /// "no ha reconocido a González como presidente electo": the title
    /// after the target belongs to this act, negated or not.
    fn consume_titles(&mut self, t: usize) {
        let hits = self.ctx.s.hits;
        for k in t + 1..hits.len() {
            if self.ctx.words_between(hits[t].end, hits[k].start) > 4 {
                break;
            }
            if hits[k].has(Tag::IntrinsicOppositionRecognition) {
                self.consumed[k] = true;
            }
        }
    }

    /// "the recognition of Guaidó was illegitimate": a verdict after the
    /// target, joined by a copula, turns it round.
    fn verdict_after_target(&mut self, act: &mut Act) {
        let (t, hits) = (act.target, self.ctx.s.hits);
        let Some(k) = hits.get(t + 1).filter(|_| t > act.cue_hit) else { return };
        let gap = self.ctx.between(hits[t].end, k.start);
        let copula = words_borrowed(gap).any(|w| self.ctx.grammar().copulas.contains(&w));
        if k.cue() == Some(Cue::Oppose) && copula && word_count(gap) <= 3 {
            act.polarity = -act.polarity;
            self.consumed[t + 1] = true;
        }
    }

    /// "called on Maduro to step down": the target's own fate turns it
    /// into the opposition's cause.
    fn fate_of_target(&mut self, act: &mut Act) {
        let (t, hits) = (act.target, self.ctx.s.hits);
        if let Some(k) = hits.get(t + 1) {
            if k.has(Tag::IntrinsicOpposition) && self.ctx.words_between(hits[t].end, k.start) <= 3 {
                act.align = Align::Opposition;
                self.consumed[t + 1] = true;
            }
        }
    }

    /// "rechaza las acusaciones formuladas contra el presidente Nicolás
    /// Maduro": opposing a hostile act aimed at the target backs the target.
    fn hostile_act_aimed_at_target(&self, act: &mut Act) {
        let (i, t, hits) = (act.cue_hit, act.target, self.ctx.s.hits);
        if t < i || act.polarity > 0 {
            return;
        }
        let gap = self.ctx.between(hits[i].end, hits[t].start);
        if gap.contains([';', ':']) {
            return;
        }
        let g = self.ctx.grammar();
        let words: Vec<_> = words_borrowed(gap).collect();
        let Some(a) = words.iter().rposition(|w| g.against.contains(w)) else { return };
        // Only an article or a title between "against" and the target.
        if words.len() - a - 1 > 3 {
            return;
        }
        if words[a.saturating_sub(3)..a].iter().any(|w| g.hostile_acts.contains(w)) {
            act.polarity = -act.polarity;
        }
    }

    /// The guard that stops an act once its target is known, with the
    /// words it fired on.
    fn act_guard(&self, act: &Act) -> Option<(Guard, std::ops::Range<usize>)> {
        let hits = self.ctx.s.hits;
        let (cue, target) = (&hits[act.cue_hit], &hits[act.target]);
        if act.align == Align::Neutral && act.polarity < 0 {
            return Some((Guard::AgainstNeutral, target.start..target.end));
        }
        // "aún no reconoce el triunfo de Maduro", "has not yet
        // recognised": a decision pending takes no side.
        if act.negated && self.ctx.pending(act.cue_hit) {
            return Some((Guard::Pending, cue.start..cue.end));
        }
        // A common noun ("sanctions", "interference") stands for a side of
        // this crisis unless it is aimed at another country ("US sanctions
        // on Iran").
        let t = act.target;
        let generic = self.ctx.between(target.start, target.end).chars().next().is_some_and(char::is_lowercase);
        let aimed_elsewhere = hits.get(t + 1).filter(|k| {
            let gap = self.ctx.between(target.end, k.start);
            matches!(k.actor(), Some(Tag::Country(_)))
                && self.ctx.words_between(target.end, k.start) <= 2
                && words_borrowed(gap).next().is_some_and(|w| self.ctx.grammar().aimed_prepositions.contains(&w))
        });
        match aimed_elsewhere {
            Some(k) if generic && act.align != Align::Neutral => Some((Guard::AimedElsewhere, target.start..k.end)),
            _ => None,
        }
    }

    /// The act's kind and holders, or the negation guard that stops it.
    fn hold(&mut self, act: &Act) {
        let hits = self.ctx.s.hits;
        let (t, i) = (act.target, act.cue_hit);
        let recognition = act.cue == Cue::Recognition;
        // "rejected Maduro's re-election", "no reconoce los resultados del
        // CNE": rejecting a proclaimed result.
        let result_claim = act.align == Align::Government
            && (hits[t].has(Tag::Results)
                || self.ctx.lex.result_claims.contains(&self.ctx.between(hits[t].start, hits[t].end).to_lowercase()))
            && (act.cue == Cue::Oppose && act.polarity < 0 || recognition && act.negated);
        // "no longer recognises Guaidó": a derecognition, which takes no side.
        if recognition
            && act.negated
            && (self.ctx.ceasing(i).is_some() || self.ctx.since_a_date(t))
            && act.align == Align::Opposition
        {
            let mut actors = self.ctx.subject(i);
            actors.retain(|(_, m)| m.start < hits[t].start || m.start >= hits[t].end);
            self.add(Construction::Derecognition, i, Some(t), actors, Stance::Neutral, EventKind::Derecognition);
            return;
        }
        let kind = match (act.align, recognition) {
            _ if result_claim => EventKind::ResultRejection,
            (Align::Neutral, _) => EventKind::CallForDialogue,
            // Condemning or welcoming the use of force (2026) is a position
            // on force, not on who governs.
            (Align::Force, _) if act.polarity < 0 => EventKind::Statement,
            (Align::Force, _) => EventKind::Welcome,
            (_, true) => EventKind::Recognition,
            _ if act.cue == Cue::Oppose => EventKind::Statement,
            _ => EventKind::Endorsement,
        };
        if let Some(guard) = self.negation_guard(act) {
            let words = self.ctx.negation(i).or_else(|| self.ctx.negation(t)).unwrap_or(hits[i].start..hits[i].end);
            self.block(Construction::ActiveCue, i, guard, words);
            return;
        }
        let mut actors = self.ctx.subject(i);
        // "Most members of the Lima Group signed a declaration supporting
        // Guaido: Argentina, Brazil, ...": with no subject of its own, the
        // list after the target names who acted.
        if actors.is_empty() && self.ctx.between(hits[t].end, self.ctx.s.range.end).trim_start().starts_with(':') {
            actors = self.ctx.list_after(t, false, 1);
        }
        // "50 gobiernos respaldan a Juan Guaidó, entre los que se encuentran
        // Estados Unidos, Brasil e Israel": so does a list after ", including".
        if actors.is_empty() {
            if let Some(at) = self.ctx.inclusion_after(t) {
                actors = self.ctx.list_after(at, false, 6);
            }
        }
        if actors.is_empty() {
            actors = self.coordinated_subject(act);
        } else {
            self.last_held = Some((hits[i].end, actors.clone()));
        }
        actors.retain(|(_, m)| m.start < hits[t].start || m.start >= hits[t].end);
        self.add(Construction::ActiveCue, i, Some(t), actors, stance_of(act.polarity, act.align), kind);
    }

    /// The holders of the act before, for a cue with no subject of its own
    /// that a coordinator joins to it ("El Grupo de Lima desconoció este
    /// martes ... a la nueva Asamblea Nacional, liderada por la bancada
    /// chavista, y reconoció al líder opositor"): the word right before the
    /// cue, or before its negator, is "y" / "and", and no clause breaks
    /// between the two cues.
    fn coordinated_subject(&self, act: &Act) -> Vec<(&'l str, std::ops::Range<usize>)> {
        let hits = self.ctx.s.hits;
        let Some((end, holders)) = &self.last_held else { return Vec::new() };
        let at = self.ctx.negation(act.cue_hit).map_or(hits[act.cue_hit].start, |w| w.start);
        let joined = self
            .ctx
            .sentence_words_before(at, 1)
            .first()
            .is_some_and(|w| self.ctx.lex.coordinators.contains(&w.to_lowercase()));
        if !joined || self.ctx.breaks_clause(*end, at) {
            return Vec::new();
        }
        holders.clone()
    }

    /// Only one negation is read as taking a side: not recognising Maduro,
    /// the opposition's demand of every government. Not backing Guaidó
    /// ("did not endorse González's claim") may be neutrality as well as
    /// support for Maduro, so it yields nothing; and not recognising the
    /// interim government of 2026 is not, by itself, backing a transfer of
    /// power to the opposition.
    fn negation_guard(&self, act: &Act) -> Option<Guard> {
        if !act.negated {
            None
        } else if !(act.align == Align::Government && act.cue == Cue::Recognition) {
            Some(Guard::NegationTakesNoSide)
        } else if self.ctx.s.hits[act.target].dated_side().is_some() {
            Some(Guard::InterimNotRecognised)
        } else {
            None
        }
    }

    /// "interim president", "presidente electo": a title that takes the
    /// opposition's side by itself, held by the subject before it.
    fn intrinsic_stance(&mut self, i: usize) {
        let hits = self.ctx.s.hits;
        let h = &hits[i];
        self.consumed[i] = true;
        if let Some(w) = self.ctx.negation(i) {
            self.block(Construction::IntrinsicStance, i, Guard::Negation, w);
            return;
        }
        // "considerar a Maduro presidente electo": the title given to
        // Maduro is no recognition of the opposition's candidate.
        let of_maduro = h.has(Tag::IntrinsicOppositionRecognition)
            && i > 0
            && hits[i - 1].side() == Some(Align::Government)
            && self.ctx.words_between(hits[i - 1].end, h.start) <= 1;
        if of_maduro {
            self.block(Construction::IntrinsicStance, i, Guard::TitleOfMaduro, hits[i - 1].start..h.end);
            return;
        }
        if self.ctx.title_of_another(i) {
            self.block(Construction::IntrinsicStance, i, Guard::TitleOfAnother, h.start..h.end);
            return;
        }
        let kind =
            if h.has(Tag::IntrinsicOppositionRecognition) { EventKind::Recognition } else { EventKind::Statement };
        self.add(Construction::IntrinsicStance, i, None, self.ctx.subject(i), Stance::Opposition, kind);
    }

    /// Venezuela's own acts read the other way round: when Venezuela breaks
    /// relations with or recalls diplomats from a country, that country is
    /// marked as backing the opposition; a country that does so to
    /// Venezuela ("expelled Venezuela's ambassador") backs it too.
    fn rupture(&mut self, i: usize) {
        let hits = self.ctx.s.hits;
        let h = &hits[i];
        let (noun, kind) = if h.has(Tag::RuptureVerb) {
            (Tag::RuptureNoun, EventKind::Rupture)
        } else {
            (Tag::DiplomatNoun, EventKind::DiplomaticWithdrawal)
        };
        let Some(n) = (i + 1..hits.len())
            .take_while(|&k| self.ctx.words_between(h.end, hits[k].start) <= 4)
            .find(|&k| hits[k].has(noun))
        else {
            self.incomplete(Construction::Rupture, i, "no relations or diplomats within four words");
            return;
        };
        if let Some(w) = self.ctx.negation(i) {
            self.block(Construction::Rupture, i, Guard::Negation, w);
            return;
        }
        self.consumed[n] = true;
        match self.ctx.nearest_agent(i) {
            Some(Agent::Venezuela) => {
                let actors = self.ctx.objects_after(i);
                self.add(Construction::Rupture, i, Some(n), actors, Stance::Opposition, kind);
            }
            Some(Agent::Actor) => {
                // "expelled Venezuela's ambassador", "broke relations with Caracas".
                let towards_venezuela = hits[i + 1..]
                    .iter()
                    .take_while(|k| self.ctx.words_between(hits[n].end, k.start) <= 8)
                    .any(|k| k.has(Tag::Venezuela));
                if towards_venezuela {
                    let actors = self.ctx.subject(i);
                    self.add(Construction::Rupture, i, Some(n), actors, Stance::Opposition, kind);
                } else {
                    self.block(Construction::Rupture, i, Guard::NotTowardsVenezuela, h.start..hits[n].end);
                }
            }
            None => self.incomplete(Construction::Rupture, i, "no one acting before it"),
        }
    }
}
