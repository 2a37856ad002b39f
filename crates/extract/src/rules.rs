//! The rules that turn one sentence's recognised phrases into stance events.
//!
//! A sentence yields an event when three things line up:
//!
//! 1. a **cue** with a polarity: support (+) or opposition (−), flipped by a
//!    negator just before it ("refused to recognize"), and multiplied along a
//!    chain of cues ("critical of Trump's recognition of Guaidó" is − × +);
//! 2. a **target** that the cue is about, aligned with one side: Guaidó,
//!    González Urrutia and "external interference" are the opposition's;
//!    Maduro and "Venezuela's legitimate government" the government's;
//!    "dialogue" is neutral. The stance is polarity × alignment;
//! 3. an **actor** that holds the stance: the nearest actor named before the
//!    cue that is not an object ("relations *with* the United States"),
//!    with the whole list it heads ("Mexico, Bolivia, Turkey and Russia"),
//!    or the speaker of the quotation the sentence belongs to.
//!
//! Venezuela's own diplomatic acts are read the other way round: when
//! Venezuela breaks relations with or recalls diplomats from a country, that
//! country is marked as backing the opposition.
//!
//! Anything that does not line up yields nothing: a wrong color is worse than
//! a missing one.

use crate::lexicon::{Align, Cue, Hit, Lexicon, Tag};
use crate::text::{word_count, words_borrowed, WordIndex};
use atlas_model::{Date, EventKind, Stance};
use std::cell::{Cell, OnceCell};
use std::collections::{BTreeMap, HashSet};
use std::ops::Range;

/// An event found in one sentence, before it is tied to an article.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding<'a> {
    /// The actor's code, borrowed from the lexicon.
    pub actor: &'a str,
    pub stance: Stance,
    pub kind: EventKind,
    /// Where the actor is named (global byte offsets).
    pub mention: Range<usize>,
}

/// One sentence with what was recognised in it.
pub struct Sentence<'a> {
    pub text: &'a str,
    pub range: Range<usize>,
    /// Hits inside `range`, in order, with global offsets.
    pub hits: &'a [Hit],
    /// The date acts in this sentence are dated on (for office-holders and groups).
    pub date: Date,
    /// The actor a quotation containing this sentence is attributed to.
    pub speaker: Option<&'a Hit>,
    /// The article's language (`en`, `es`), which picks the object markers.
    pub lang: &'a str,
    /// The article's quotations that overlap this sentence (global offsets).
    pub quotes: &'a [Range<usize>],
}

/// Maximum words between a cue and its target.
const TARGET_REACH: usize = 12;
/// Maximum words between two cues of one chain.
const CHAIN_REACH: usize = 6;
/// Maximum words between a negator and its cue.
const NEGATION_REACH: usize = 3;

/// False when a sentence with these hits cannot yield a finding, so that
/// [`classify`] need not read it. Every finding starts at an intrinsic
/// stance ("interim president", "neutrality") or one of Venezuela's
/// diplomatic acts, or at a cue with something to aim at (a side, a
/// pronoun standing for one, the results, Venezuela itself); and it is held
/// by an actor the sentence names or by the speaker of the quotation it
/// belongs to.
pub fn may_yield(hits: &[Hit], has_speaker: bool) -> bool {
    let intrinsic = |t: &Tag| {
        matches!(
            t,
            Tag::IntrinsicOpposition
                | Tag::IntrinsicOppositionRecognition
                | Tag::IntrinsicNeutral
                | Tag::RuptureVerb
                | Tag::WithdrawVerb
                | Tag::RestoreVerb
                | Tag::RestoreAct
                | Tag::LeaveVerb
        )
    };
    let aimable =
        |t: &Tag| matches!(t, Tag::Side(_) | Tag::DatedSide(_) | Tag::Pronoun | Tag::Results | Tag::Venezuela);
    let any = |f: &dyn Fn(&Tag) -> bool| hits.iter().any(|h| h.tags().iter().any(f));
    let starts = any(&intrinsic) || (any(&|t| matches!(t, Tag::Cue(_))) && any(&aimable));
    starts && (has_speaker || hits.iter().any(|h| h.actor().is_some()))
}

pub fn classify<'a>(lex: &'a Lexicon, s: &Sentence<'_>) -> Vec<Finding<'a>> {
    classify_counted(lex, s, &Cell::new(0), u64::MAX)
}

/// [`classify`], adding to `work` what it did (hits visited, words counted,
/// bytes read), in proportion to the time it took; past `limit` it stops
/// early, and what it returns then does not matter: the caller, which set
/// the limit, drops the article. Every loop over the hits is bounded by a
/// reach in words or reads precomputed answers, so the work is linear in
/// the sentence (the hostile-input tests hold it to that).
pub fn classify_counted<'a>(lex: &'a Lexicon, s: &Sentence<'_>, work: &Cell<u64>, limit: u64) -> Vec<Finding<'a>> {
    // A phrase whose side changes with the date ("Asamblea Nacional",
    // "interim president") is read with the side it has on the sentence's date.
    if s.hits.iter().any(|h| h.dated_side().is_some()) {
        let resolved = lex.resolve_dated(s.hits, s.date);
        let dated = Sentence {
            text: s.text,
            range: s.range.clone(),
            hits: &resolved,
            date: s.date,
            speaker: s.speaker,
            lang: s.lang,
            quotes: s.quotes,
        };
        return classify_resolved(lex, &dated, work, limit);
    }
    classify_resolved(lex, s, work, limit)
}

fn classify_resolved<'a>(lex: &'a Lexicon, s: &Sentence<'_>, work: &Cell<u64>, limit: u64) -> Vec<Finding<'a>> {
    let index = WordIndex::new(s.text);
    work.set(work.get() + s.text.len() as u64 / 8 + s.hits.len() as u64);
    let gap_words = |a: usize, b: usize| {
        work.set(work.get() + 1);
        index.count(a.saturating_sub(s.range.start), b.saturating_sub(s.range.start))
    };
    let hits = s.hits;
    let excluded = exclusions(hits, &gap_words);
    // "no longer recognises", "dejó de reconocer": a ceasing word right
    // before the cue.
    let ceased = |i: usize| -> bool {
        i > 0
            && hits[..i]
                .iter()
                .rev()
                .take(2)
                .any(|p| p.has(Tag::Ceasing) && gap_words(p.end, hits[i].start) <= NEGATION_REACH)
    };
    let negated = |i: usize| -> bool {
        i > 0
            && hits[..i]
                .iter()
                .rev()
                .take(2)
                .any(|p| p.has(Tag::Negator) && gap_words(p.end, hits[i].start) <= NEGATION_REACH)
    };

    let mut found: BTreeMap<&'a str, Vec<Finding<'a>>> = BTreeMap::new();
    let mut add = |actors: Vec<(&'a str, Range<usize>)>, stance: Stance, kind: EventKind| {
        for (actor, mention) in actors {
            found.entry(actor).or_default().push(Finding { actor, stance, kind, mention });
        }
    };
    let ctx = Ctx::new(lex, s, &excluded, &index, work);

    // A cue right after a modal ("should recognize") or after a cancelling
    // act ("vetoed a resolution backing") reports no act of anyone's.
    let undone = |i: usize| -> bool {
        hits[..i].iter().rev().take(4).any(|p| {
            let gap = gap_words(p.end, hits[i].start);
            (p.has(Tag::Modal) && gap <= 1) || (p.has(Tag::Cancel) && gap <= 6)
        })
    };
    // "warned against recognizing Guaidó" cancels the cue after it, while
    // "warned against any military intervention" opposes a target.
    let cancels_next_cue = |i: usize| -> bool {
        hits[i].has(Tag::Cancel)
            && hits.get(i + 1).is_some_and(|n| n.cue().is_some() && gap_words(hits[i].end, n.start) <= 6)
    };
    let mut consumed = vec![false; hits.len()];
    // "dictator Nicolás Maduro", "usurper Maduro": an epithet glued to a
    // name is the writer's word, not anyone's act, so it is no cue.
    // So is "el dictador de Venezuela, Nicolás Maduro": the label may reach
    // the name through a short apposition that names only Venezuela.
    // Read from the end, so that the name after each epithet (the next hit
    // that is not Venezuela alone) is known without looking for it.
    let mut next_name: Option<usize> = None;
    for i in (0..hits.len()).rev() {
        let named = !(hits[i].has(Tag::Venezuela) && hits[i].side().is_none());
        if !hits[i].has(Tag::Epithet) {
            if named {
                next_name = Some(i);
            }
            continue;
        }
        let name = next_name.map(|k| &hits[k]);
        if named {
            next_name = Some(i);
        }
        let glued_to_name = name.is_some_and(|n| {
            let gap = between(s, hits[i].end, n.start);
            let words = gap_words(hits[i].end, n.start);
            // "the dictatorship of Nicolás Maduro": "of" and an article
            // join the label to the name as closely as a space.
            let joined_by_of = || {
                words <= 2
                    && !gap.contains([',', '.', ';', ':'])
                    && words_borrowed(gap).all(|w| is_of(&w) || is_article(&w))
            };
            (n.actor().is_some() || n.side().is_some_and(|a| a != Align::Neutral))
                && (gap.chars().all(char::is_whitespace)
                    || joined_by_of()
                    || (words <= 3 && !gap.contains(['.', ';', ':']) && hits[i + 1].has(Tag::Venezuela)))
        });
        consumed[i] = glued_to_name;
    }
    for i in 0..hits.len() {
        if work.get() > limit {
            break;
        }
        if consumed[i] {
            continue;
        }
        let h = &hits[i];
        // "restableció relaciones diplomáticas con", "reopened its embassy
        // in Caracas", "presentó sus cartas credenciales": a restoration,
        // which sides with the government that receives it.
        if h.has(Tag::RestoreVerb) || h.has(Tag::RestoreAct) {
            let noun = h.has(Tag::RestoreAct)
                || (i + 1..hits.len()).any(|k| {
                    (hits[k].has(Tag::RuptureNoun) || hits[k].has(Tag::DiplomatNoun) || hits[k].has(Tag::RestoreNoun))
                        && gap_words(h.end, hits[k].start) <= 4
                });
            if noun {
                consumed[i] = true;
                if negated(i) || undone(i) {
                    continue;
                }
                let mut actors = ctx.subject(i);
                if actors.is_empty() && matches!(ctx.nearest_agent(i), Some(Agent::Venezuela)) {
                    actors = ctx.objects_after(i);
                }
                add(actors, Stance::Government, EventKind::Restoration);
                continue;
            }
        }
        // "abandonó el Grupo de Lima": leaving the group that backed the
        // opposition withdraws that backing.
        if h.has(Tag::LeaveVerb) {
            let lima = hits.get(i + 1).is_some_and(|n| {
                matches!(n.actor(), Some(Tag::Group(g)) if lex.groups[g as usize].id == "lima_group")
                    && gap_words(h.end, n.start) <= 2
            });
            if lima {
                consumed[i] = true;
                consumed[i + 1] = true;
                if !negated(i) && !undone(i) {
                    add(ctx.subject(i), Stance::Neutral, EventKind::Derecognition);
                }
                continue;
            }
        }
        if (h.cue().is_some() || h.has(Tag::IntrinsicOpposition) || h.has(Tag::IntrinsicOppositionRecognition))
            && undone(i)
        {
            consumed[i] = true;
            // The chain and target that follow belong to the undone cue.
            for k in i + 1..hits.len() {
                if gap_words(hits[i].end, hits[k].start) > TARGET_REACH || hits[k].actor().is_some() {
                    break;
                }
                consumed[k] = true;
                if hits[k].side().is_some() {
                    break;
                }
            }
            continue;
        }
        if let Some(cue) = h.cue().filter(|_| !cancels_next_cue(i)) {
            consumed[i] = true;
            match cue {
                // "una declaración, respaldada por Chile y Perú, rechazó":
                // the actors after it sign the statement's act, told by
                // another cue; they do not back what it is aimed at.
                Cue::SupportPassive if ctx.after_document(i) => {}
                Cue::SupportPassive | Cue::OpposePassive => {
                    // "Maduro ..., while the opposition leader declared
                    // himself president with the support of the U.S.": the
                    // side before a clause break is not what is supported.
                    let target = ctx
                        .nearest_side(i)
                        .filter(|(t, _)| !ctx.breaks_clause(hits[*t].end, h.start))
                        .or_else(|| first_side_after(&ctx, i));
                    let Some((t, align)) = target else { continue };
                    consumed[t] = true;
                    let actors = ctx.actors_after(i);
                    let (polarity, kind) = if cue == Cue::OpposePassive {
                        (-1, EventKind::Statement)
                    } else {
                        (1, EventKind::Endorsement)
                    };
                    add(actors, stance_of(polarity, align), kind);
                }
                Cue::Thanks => {
                    // "Maduro thanked Russia for its support": the side that
                    // thanks is named right before (Venezuela speaks for its
                    // government), the actors thanked right after, and the
                    // support they are thanked for after them.
                    if negated(i) {
                        continue;
                    }
                    let thanker = (0..i).rev().take_while(|&k| gap_words(hits[k].end, h.start) <= 3).find_map(|k| {
                        match hits[k].side() {
                            Some(Align::Neutral | Align::Force) => None,
                            Some(a) => Some(a),
                            None => hits[k].has(Tag::Venezuela).then_some(Align::Government),
                        }
                    });
                    let Some(align) = thanker else { continue };
                    let actors = ctx.list_after(i, false, 3);
                    let Some(last) = actors.iter().map(|(_, m)| m.end).max() else { continue };
                    // Past three words after the list, no later hit can be it.
                    let support = (i + 1..hits.len())
                        .take_while(|&k| hits[k].start < last || gap_words(last, hits[k].start) <= 3)
                        .find(|&k| {
                            hits[k].start >= last
                                && hits[k].cue() == Some(Cue::Support)
                                && gap_words(last, hits[k].start) <= 3
                                && !ctx.breaks_clause(last, hits[k].start)
                        });
                    let Some(k) = support else { continue };
                    consumed[k] = true;
                    add(actors, stance_of(1, align), EventKind::Endorsement);
                }
                Cue::Advocate => {
                    // "urged the government and the opposition to seek dialogue":
                    // the addressees come first; the call is for the neutral target.
                    // "welcomed the agreement": a welcome, not a call; and
                    // welcoming the use of force (2026) is one too.
                    let cue_text = ctx.between(h.start, h.end).to_lowercase();
                    let welcome = lex.welcome.contains(&cue_text);
                    let target = (i + 1..hits.len())
                        .take_while(|&k| ctx.words_between(hits[i].end, hits[k].start) <= TARGET_REACH)
                        .find_map(|k| {
                            hits[k]
                                .side()
                                .filter(|a| *a == Align::Neutral || welcome && *a == Align::Force)
                                .map(|a| (k, a))
                        });
                    if target.is_some() && !negated(i) {
                        let kind = if welcome { EventKind::Welcome } else { EventKind::CallForDialogue };
                        add(ctx.subject(i), Stance::Neutral, kind);
                    }
                }
                Cue::Support | Cue::Recognition | Cue::Oppose => {
                    let head_negated = negated(i);
                    let mut polarity = polarity_of(cue, head_negated);
                    let recognition = cue == Cue::Recognition;
                    let mut j = i + 1;
                    let mut last_end = h.end;
                    let mut target: Option<(usize, Align)> = None;
                    while j < hits.len() {
                        let n = &hits[j];
                        // Past the target's reach nothing can join the
                        // chain or be its target (and the reach only grows).
                        if gap_words(last_end, n.start) > TARGET_REACH {
                            break;
                        }
                        // A new actor starts a new clause with its own cues,
                        // unless it is a possessive inside the phrase
                        // ("critical of Trump's recognition of Guaidó").
                        let opens_clause = hits.get(j + 1).is_some_and(|k| k.cue().is_some());
                        if n.actor().is_some() && n.side().is_none() && !possessive(s, j) && opens_clause {
                            break;
                        }
                        if consumed[j] {
                            j += 1;
                            continue;
                        }
                        if let Some(c2) = n.cue().filter(|c| {
                            !matches!(c, Cue::SupportPassive | Cue::OpposePassive | Cue::Advocate | Cue::Thanks)
                        }) {
                            // "una dictadura", tras el "fraude": two cues
                            // across a clause break are two verdicts, not
                            // one nested in the other.
                            // "recognized and expressed support for": two
                            // verbs of one object; the first one speaks.
                            let coordinated = ctx.coordinated(last_end, n.start);
                            let right_after = words_borrowed(between(s, last_end, n.start))
                                .next()
                                .is_some_and(|w| lex.coordinators.contains(&*w));
                            if coordinated && right_after && gap_words(last_end, n.start) <= 3 {
                                consumed[j] = true;
                                last_end = n.end;
                                j += 1;
                                continue;
                            }
                            // "condemning the farce and supporting the
                            // interim president": cues side by side, each
                            // with its own object.
                            if gap_words(last_end, n.start) > CHAIN_REACH
                                || ctx.breaks_clause(last_end, n.start)
                                || coordinated
                            {
                                break;
                            }
                            polarity *= polarity_of(c2, negated(j));
                            consumed[j] = true;
                            last_end = n.end;
                        } else if let Some(a) = target_align(&ctx, j, i) {
                            // "offered support after the opposition leader
                            // declared ...": past a clause break the side
                            // named is no longer the cue's target.
                            if gap_words(last_end, n.start) <= TARGET_REACH && !ctx.breaks_clause(last_end, n.start) {
                                target = Some((j, a));
                            }
                            break;
                        }
                        j += 1;
                    }
                    // Failing a target after the cue, the nearest one before
                    // it that no earlier cue has claimed ("Guaidó has violated").
                    let target =
                        target.or_else(|| ctx.nearest_side(i).filter(|(t, _)| !consumed[*t] && ctx.aims_back(*t, i)));
                    let Some((t, mut align)) = target else { continue };
                    consumed[t] = true;
                    // "did not consider Maduro to be the legitimate
                    // president": a negator before a target named before
                    // the cue negates the cue.
                    let head_negated = if t < i && !head_negated && negated(t) {
                        polarity = -polarity;
                        true
                    } else {
                        head_negated
                    };
                    // "no ha reconocido a González como presidente electo":
                    // the title belongs to this act, negated or not.
                    for k in t + 1..hits.len() {
                        if gap_words(hits[t].end, hits[k].start) > 4 {
                            break;
                        }
                        if hits[k].has(Tag::IntrinsicOppositionRecognition) {
                            consumed[k] = true;
                        }
                    }
                    // "el reconocido como presidente interino": a participle
                    // after an article names someone, it reports no act.
                    if ctx.nominal_participle(i) {
                        continue;
                    }
                    // "the recognition of Guaidó was illegitimate": a verdict
                    // after the target, joined by a copula, turns it round.
                    if let Some(k) = hits.get(t + 1).filter(|_| t > i) {
                        let gap = between(s, hits[t].end, k.start);
                        let copula = words_borrowed(gap).any(|w| {
                            matches!(&*w, "was" | "is" | "are" | "were" | "be" | "fue" | "es" | "son" | "sería")
                        });
                        if k.cue() == Some(Cue::Oppose) && copula && word_count(gap) <= 3 {
                            polarity = -polarity;
                            consumed[t + 1] = true;
                        }
                    }
                    // "called on Maduro to step down": the target's own
                    // fate turns it into the opposition's cause.
                    if let Some(k) = hits.get(t + 1) {
                        if k.has(Tag::IntrinsicOpposition) && gap_words(hits[t].end, k.start) <= 3 {
                            align = Align::Opposition;
                            consumed[t + 1] = true;
                        }
                    }
                    if align == Align::Neutral && polarity < 0 {
                        continue;
                    }
                    // "aún no reconoce el triunfo de Maduro", "has not yet
                    // recognised": a decision pending takes no side.
                    if head_negated && ctx.pending(i) {
                        continue;
                    }
                    // A common noun ("sanctions", "interference") stands for a
                    // side of this crisis unless it is aimed at another
                    // country ("US sanctions on Iran").
                    let generic = between(s, hits[t].start, hits[t].end).chars().next().is_some_and(char::is_lowercase);
                    let aimed_elsewhere = hits.get(t + 1).is_some_and(|k| {
                        let gap = between(s, hits[t].end, k.start);
                        matches!(k.actor(), Some(Tag::Country(_)))
                            && gap_words(hits[t].end, k.start) <= 2
                            && words_borrowed(gap).next().is_some_and(|w| {
                                matches!(&*w, "on" | "against" | "in" | "to" | "into" | "contra" | "a" | "en")
                            })
                    });
                    if generic && align != Align::Neutral && aimed_elsewhere {
                        continue;
                    }
                    // "rejected Maduro's re-election", "no reconoce los
                    // resultados del CNE": rejecting a proclaimed result.
                    let result_claim = align == Align::Government
                        && (hits[t].has(Tag::Results)
                            || lex.result_claims.contains(&ctx.between(hits[t].start, hits[t].end).to_lowercase()))
                        && (cue == Cue::Oppose && polarity < 0 || recognition && head_negated);
                    // "no longer recognises Guaidó": a derecognition, which
                    // takes no side.
                    if recognition && head_negated && (ceased(i) || ctx.since_a_date(t)) && align == Align::Opposition {
                        let mut actors = ctx.subject(i);
                        actors.retain(|(_, m)| m.start < hits[t].start || m.start >= hits[t].end);
                        add(actors, Stance::Neutral, EventKind::Derecognition);
                        continue;
                    }
                    let kind = match (align, recognition) {
                        _ if result_claim => EventKind::ResultRejection,
                        (Align::Neutral, _) => EventKind::CallForDialogue,
                        // Condemning or welcoming the use of force (2026) is
                        // a position on force, not on who governs.
                        (Align::Force, _) if polarity < 0 => EventKind::Statement,
                        (Align::Force, _) => EventKind::Welcome,
                        (_, true) => EventKind::Recognition,
                        _ if cue == Cue::Oppose => EventKind::Statement,
                        _ => EventKind::Endorsement,
                    };
                    // Only one negation is read as taking a side: not
                    // recognising Maduro, the opposition's demand of every
                    // government. Not backing Guaidó ("did not endorse
                    // González's claim") may be neutrality as well as
                    // support for Maduro, so it yields nothing.
                    if head_negated && !(align == Align::Government && recognition) {
                        continue;
                    }
                    // Not recognising the interim government of 2026 is not,
                    // by itself, backing a transfer of power to the opposition.
                    if head_negated && hits[t].dated_side().is_some() {
                        continue;
                    }
                    let mut actors = ctx.subject(i);
                    // "Most members of the Lima Group signed a declaration
                    // supporting Guaido: Argentina, Brazil, ...": with no
                    // subject of its own, the list after the target names
                    // who acted.
                    if actors.is_empty() && ctx.between(hits[t].end, s.range.end).trim_start().starts_with(':') {
                        actors = ctx.list_after(t, false, 1);
                    }
                    actors.retain(|(_, m)| m.start < hits[t].start || m.start >= hits[t].end);
                    add(actors, stance_of(polarity, align), kind);
                }
            }
        } else if h.has(Tag::IntrinsicOpposition) || h.has(Tag::IntrinsicOppositionRecognition) {
            consumed[i] = true;
            if negated(i) {
                continue;
            }
            // "considerar a Maduro presidente electo": the title given to
            // Maduro is no recognition of the opposition's candidate.
            let of_maduro = h.has(Tag::IntrinsicOppositionRecognition)
                && i > 0
                && hits[i - 1].side() == Some(Align::Government)
                && gap_words(hits[i - 1].end, h.start) <= 1;
            if of_maduro || ctx.title_of_another(i) {
                continue;
            }
            let kind =
                if h.has(Tag::IntrinsicOppositionRecognition) { EventKind::Recognition } else { EventKind::Statement };
            add(ctx.subject(i), Stance::Opposition, kind);
        } else if h.has(Tag::IntrinsicNeutral) {
            consumed[i] = true;
            if !negated(i) {
                add(ctx.subject(i), Stance::Neutral, EventKind::Statement);
            }
        } else if h.has(Tag::RuptureVerb) || h.has(Tag::WithdrawVerb) {
            let (noun, kind) = if h.has(Tag::RuptureVerb) {
                (Tag::RuptureNoun, EventKind::Rupture)
            } else {
                (Tag::DiplomatNoun, EventKind::DiplomaticWithdrawal)
            };
            let Some(n) =
                (i + 1..hits.len()).take_while(|&k| gap_words(h.end, hits[k].start) <= 4).find(|&k| hits[k].has(noun))
            else {
                continue;
            };
            if negated(i) {
                continue;
            }
            consumed[n] = true;
            match ctx.nearest_agent(i) {
                Some(Agent::Venezuela) => add(ctx.objects_after(i), Stance::Opposition, kind),
                Some(Agent::Actor) => {
                    // "expelled Venezuela's ambassador", "broke relations with Caracas".
                    let towards_venezuela = hits[i + 1..]
                        .iter()
                        .take_while(|k| gap_words(hits[n].end, k.start) <= 8)
                        .any(|k| k.has(Tag::Venezuela));
                    if towards_venezuela {
                        add(ctx.subject(i), Stance::Opposition, kind);
                    }
                }
                None => {}
            }
        }
    }

    // "Trump recognised Guaidó, as did Canada": the actors after "as did"
    // repeat the act of the clause before it.
    // The act repeated is that of the first finding (by actor, then as
    // found) that ends before the marker, provided all those findings
    // agree. Markers come in order, so the findings that end before one
    // are those before the last plus some: [`Repeated`] keeps what that
    // question needs instead of reading every finding at every marker.
    let ends: Vec<usize> = if found.is_empty() {
        Vec::new()
    } else {
        hits.iter().filter(|h| h.has(Tag::RepeatMarker)).map(|h| h.end).collect()
    };
    let mut repeated = Repeated::new(&found);
    for at in ends {
        if work.get() > limit {
            break;
        }
        let Some((stance, kind)) = repeated.act_before(at) else { continue };
        // The first actor named at or after the marker, if within two words.
        let from = hits.partition_point(|h| h.start < at);
        let Some(k) = (from..hits.len())
            .take_while(|&k| ctx.words_between(at, hits[k].start) <= 2)
            .find(|&k| hits[k].actor().is_some())
        else {
            continue;
        };
        if k == 0 {
            continue;
        }
        let reach = ctx.words_between(hits[k - 1].end, hits[k].start);
        for (actor, mention) in ctx.list_after(k - 1, true, reach) {
            repeated.add(actor, mention.end, stance, kind);
            found.entry(actor).or_default().push(Finding { actor, stance, kind, mention });
        }
    }

    // One finding per actor and sentence: the heaviest act; a sentence that
    // says both that an actor backs the opposition and the government is
    // dropped for that actor; a side taken outweighs a call for dialogue.
    let mut out = Vec::new();
    for (_, mut fs) in found {
        let sides: Vec<Stance> = fs.iter().map(|f| f.stance).filter(|s| *s != Stance::Neutral).collect();
        if sides.contains(&Stance::Opposition) && sides.contains(&Stance::Government) {
            continue;
        }
        if !sides.is_empty() {
            fs.retain(|f| f.stance != Stance::Neutral);
        }
        fs.sort_by_key(|f| (std::cmp::Reverse(f.kind.weight()), f.mention.start));
        out.push(fs.swap_remove(0));
    }
    out
}

/// What the repeat markers of a sentence ask of its findings, kept as they
/// are added: for each actor, the findings that end before all the earlier
/// ones of that actor (the first of them to end before a marker is the
/// first of the actor's findings to do so); for each stance, the earliest
/// end of a finding that has it; and the actors with a finding that ends
/// before the last marker asked about, in actor order.
struct Repeated<'a> {
    earliest: BTreeMap<&'a str, Vec<(usize, Stance, EventKind)>>,
    by_stance: [usize; 3],
    waiting: std::collections::BinaryHeap<std::cmp::Reverse<(usize, &'a str)>>,
    ready: std::collections::BTreeSet<&'a str>,
}

impl<'a> Repeated<'a> {
    fn new(found: &BTreeMap<&'a str, Vec<Finding<'a>>>) -> Repeated<'a> {
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
    fn add(&mut self, actor: &'a str, end: usize, stance: Stance, kind: EventKind) {
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
    fn act_before(&mut self, at: usize) -> Option<(Stance, EventKind)> {
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

/// For each hit, whether it is an actor set aside by an exclusion just
/// before it ("except X", "salvo X"); `gap_words` counts words between two
/// offsets.
fn exclusions(hits: &[Hit], gap_words: &dyn Fn(usize, usize) -> usize) -> Vec<bool> {
    hits.iter()
        .enumerate()
        .map(|(i, h)| {
            h.actor().is_some()
                && hits[..i].iter().rev().take(3).any(|p| p.has(Tag::Exclusion) && gap_words(p.end, h.start) <= 4)
        })
        .collect()
}

/// Actors named in a sentence, each with where it is named.
pub type Mentions<'a> = Vec<(&'a str, Range<usize>)>;

/// How a sentence takes part in an act it does not tell with a subject.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Join {
    /// The actors sign a statement ("It was signed by A, B and C", "Se
    /// sumaron a la declaración los gobiernos de A, B y C"): its act is told
    /// in the sentence itself, without a subject, or in one before it.
    Signatories,
    /// The actors repeat the act of the sentence before ("Portugal followed
    /// suit", "Perú hizo lo mismo").
    FollowSuit,
}

/// The actors a sentence adds to an act it does not tell with a subject of
/// its own, and how: the list before the marker ("A, B y C se sumaron"),
/// else the one after it ("firmaron el comunicado A, B y C"). A negated
/// or hoped-for marker ("did not follow suit", "should sign") adds no one;
/// so does a "follow suit" that does not end its sentence ("se sumó a las
/// protestas").
pub fn joiners<'a>(lex: &'a Lexicon, s: &Sentence<'_>) -> Option<(Join, Mentions<'a>)> {
    let hits = s.hits;
    let index = WordIndex::new(s.text);
    let gap_words = |a: usize, b: usize| index.count(a.saturating_sub(s.range.start), b.saturating_sub(s.range.start));
    let excluded = exclusions(hits, &gap_words);
    let work = Cell::new(0);
    let ctx = Ctx::new(lex, s, &excluded, &index, &work);
    let i = hits.iter().enumerate().position(|(i, h)| {
        h.has(Tag::Signatory) || h.has(Tag::FollowSuit) || h.cue() == Some(Cue::SupportPassive) && ctx.after_document(i)
    })?;
    let h = &hits[i];
    let blocked = hits[..i].iter().rev().take(3).any(|p| {
        let gap = gap_words(p.end, h.start);
        (p.has(Tag::Negator) && gap <= NEGATION_REACH)
            || (p.has(Tag::Modal) && gap <= 2)
            || (p.has(Tag::Cancel) && gap <= 6)
    });
    if blocked {
        return None;
    }
    let join = if h.has(Tag::FollowSuit) && !h.has(Tag::Signatory) {
        let ends = hits[i + 1..].is_empty() && gap_words(h.end, s.range.end) <= 2;
        if !ends {
            return None;
        }
        Join::FollowSuit
    } else {
        Join::Signatories
    };
    // "signed by A, B and C", "firmado por": a passive marker's
    // signatories follow it, whatever stands before ("Brussels 04.01.2026
    // This statement is supported by ...").
    let cue_text = ctx.between(h.start, h.end).to_lowercase();
    let passive = cue_text.ends_with(" by") || cue_text.ends_with(" por") || h.cue() == Some(Cue::SupportPassive);
    let mut actors = if passive && join == Join::Signatories { Vec::new() } else { ctx.subject(i) };
    if actors.is_empty() && join == Join::Signatories {
        actors = ctx.list_after(i, false, 14);
        // "suscrita por A, B y C, el Grupo de Lima asegura": the group
        // whose statement it is follows its signatories, and is none.
        actors.retain(|(_, m)| !hits.iter().any(|h| h.start == m.start && matches!(h.actor(), Some(Tag::Group(_)))));
    }
    (!actors.is_empty()).then_some((join, actors))
}

/// The list of actors that opens a sentence ("Los gobiernos de Argentina,
/// Costa Rica y Perú manifiestan ..."): its subject, which a next sentence
/// without one may go on with ("Y exigieron ...").
pub fn leading_actors<'a>(lex: &'a Lexicon, s: &Sentence<'_>) -> Vec<(&'a str, Range<usize>)> {
    let hits = s.hits;
    let index = WordIndex::new(s.text);
    let no_exclusions = vec![false; hits.len()];
    let work = Cell::new(0);
    let ctx = Ctx::new(lex, s, &no_exclusions, &index, &work);
    let Some(first) = hits.first() else { return Vec::new() };
    if first.actor().is_none() || ctx.words_between(s.range.start, first.start) > 3 || !ctx.usable(0) {
        return Vec::new();
    }
    let mut last = 0;
    let mut out = ctx.resolve(0);
    for (n, h) in hits.iter().enumerate().skip(1) {
        if h.actor().is_none() || !ctx.glued(last, n) {
            break;
        }
        out.extend(ctx.resolve(n));
        last = n;
    }
    out
}

fn polarity_of(cue: Cue, negated: bool) -> i8 {
    let p = if cue == Cue::Oppose { -1 } else { 1 };
    if negated {
        -p
    } else {
        p
    }
}

fn stance_of(polarity: i8, align: Align) -> Stance {
    match (align, polarity > 0) {
        (Align::Neutral | Align::Force, _) => Stance::Neutral,
        (Align::Opposition, true) | (Align::Government, false) => Stance::Opposition,
        (Align::Government, true) | (Align::Opposition, false) => Stance::Government,
    }
}

fn first_side_after(ctx: &Ctx<'_, '_, '_>, i: usize) -> Option<(usize, Align)> {
    let hits = ctx.s.hits;
    (i + 1..hits.len())
        .take_while(|&k| ctx.words_between(hits[i].end, hits[k].start) <= TARGET_REACH)
        .find_map(|k| hits[k].side().map(|a| (k, a)))
}

/// The alignment of hit `j` as the target of the cue at `cue`, if it is one.
fn target_align(ctx: &Ctx<'_, '_, '_>, j: usize, cue: usize) -> Option<Align> {
    let hits = ctx.s.hits;
    let h = &hits[j];
    if let Some(a) = h.side() {
        // "recognised Maduro's main political opponent": the side's
        // adversary is the target, and stands for the other side.
        return Some(match a {
            Align::Government if ctx.rival_of(j) => Align::Opposition,
            Align::Opposition if ctx.rival_of(j) => Align::Government,
            a => a,
        });
    }
    if h.has(Tag::Pronoun) {
        return ctx.nearest_side(j).map(|(_, a)| a);
    }
    if h.has(Tag::Results) {
        return (hits[cue].cue() == Some(Cue::Oppose)).then_some(Align::Government);
    }
    // "support for Venezuela", "solidarity with Venezuela": right after a
    // supportive cue, the country stands for its government.
    let c = &hits[cue];
    let last_word = ctx.between(c.start, c.end).rsplit(' ').next().unwrap_or("");
    let ends_in_preposition =
        c.end - c.start > last_word.len() && ["for", "with", "to"].iter().any(|p| last_word.eq_ignore_ascii_case(p));
    if h.has(Tag::Venezuela) && j == cue + 1 && ends_in_preposition && ctx.words_between(c.end, h.start) == 0 {
        return Some(Align::Government);
    }
    None
}

#[derive(Clone, Copy)]
enum Agent {
    Venezuela,
    Actor,
}

/// What the rules look at in one sentence: the lexicon (lifetime `'l`, which
/// the actor codes returned borrow from), the sentence and its excluded hits.
struct Ctx<'l, 'a, 'b> {
    lex: &'l Lexicon,
    s: &'a Sentence<'b>,
    excluded: &'a [bool],
    index: &'a WordIndex<'b>,
    /// [`Ctx::usable`], [`Ctx::is_object`], [`Ctx::container`] and
    /// [`Ctx::in_apposition`] of each hit, once asked: every cue's subject
    /// search asks them again for the same hits.
    usable_memo: Vec<Cell<Option<bool>>>,
    object_memo: Vec<Cell<Option<bool>>>,
    container_memo: Vec<Cell<Option<bool>>>,
    apposition_memo: Vec<Cell<Option<bool>>>,
    /// For each hit, the nearest side (not neutral) and the nearest actor
    /// named before it: looking back for them from every cue made a
    /// sentence of many cues quadratic.
    side_before: Vec<Option<(usize, Align)>>,
    actor_before: Vec<Option<usize>>,
    /// For each hit, who acts last before it ([`Ctx::nearest_agent`]),
    /// worked out for the whole sentence the first time it is asked.
    agent_before: OnceCell<Vec<Option<Agent>>>,
    /// The codes of the actors excluded by name ("except Guyana").
    excluded_codes: OnceCell<Vec<&'l str>>,
    /// Offsets of the sentence's commas, and its words indexed for
    /// questions about long stretches of it, once asked.
    commas: OnceCell<Vec<usize>>,
    runs: OnceCell<RunIndex>,
    work: &'a Cell<u64>,
}

/// Stretches of a sentence longer than this are read through its
/// [`RunIndex`] rather than word by word.
const LONG_STRETCH: usize = 256;

/// The words of a sentence as [`words_borrowed`] reads them, indexed once,
/// so that whether a clause break or a coordinator stands between two
/// offsets far apart costs two binary searches rather than a reading of
/// everything between.
struct RunIndex {
    /// The runs of word characters whose trimmed form is not empty
    /// (sentence offsets, untrimmed).
    runs: Vec<(usize, usize)>,
    /// For each run, how many runs before it are clause breaks, and
    /// coordinators (one more entry than runs).
    breaks: Vec<u32>,
    coordinators: Vec<u32>,
}

impl RunIndex {
    fn new(lex: &Lexicon, text: &str) -> RunIndex {
        let mut runs = Vec::new();
        let (mut breaks, mut coordinators) = (vec![0], vec![0]);
        for r in crate::text::word_runs(text) {
            let w = crate::text::trim_word(&text[r.clone()]);
            if w.is_empty() {
                continue;
            }
            let w = crate::text::lowercase(w);
            runs.push((r.start, r.end));
            let (b, c) = (breaks[breaks.len() - 1], coordinators[coordinators.len() - 1]);
            breaks.push(b + u32::from(lex.clause_breaks.contains(&*w)));
            coordinators.push(c + u32::from(lex.coordinators.contains(&*w)));
        }
        RunIndex { runs, breaks, coordinators }
    }

    /// The words of `text[a..b]` as [`words_borrowed`] reads them: the
    /// runs inside, and the parts of the runs cut by `a` or `b`, for the
    /// runs `lo..hi`; returns (lo, hi, whether the first and last are cut).
    fn span(&self, a: usize, b: usize) -> (usize, usize) {
        let lo = self.runs.partition_point(|r| r.1 <= a);
        let hi = self.runs.partition_point(|r| r.0 < b);
        (lo, hi.max(lo))
    }

    /// The word of run `k` within `a..b`, trimmed and lowercased (empty
    /// when nothing of it is left).
    fn word<'t>(&self, text: &'t str, k: usize, a: usize, b: usize) -> std::borrow::Cow<'t, str> {
        let (s, e) = self.runs[k];
        crate::text::lowercase(crate::text::trim_word(&text[s.max(a)..e.min(b)]))
    }

    /// True when a word of `text[a..b]` is in `words`, whose flags are `counts`.
    fn any(&self, text: &str, a: usize, b: usize, words: &HashSet<String>, counts: &[u32]) -> bool {
        let (lo, hi) = self.span(a, b);
        if lo == hi {
            return false;
        }
        let cut = |k: usize| self.runs[k].0 < a || self.runs[k].1 > b;
        let (mut inner_lo, mut inner_hi) = (lo, hi);
        for k in [lo, hi - 1] {
            if cut(k) {
                let w = self.word(text, k, a, b);
                if !w.is_empty() && words.contains(&*w) {
                    return true;
                }
                if k == lo {
                    inner_lo = lo + 1;
                }
                if k == hi - 1 {
                    inner_hi = hi - 1;
                }
            }
        }
        inner_lo < inner_hi && counts[inner_hi] > counts[inner_lo]
    }

    /// The first word of `text[a..b]`.
    fn first<'t>(&self, text: &'t str, a: usize, b: usize) -> Option<std::borrow::Cow<'t, str>> {
        let (lo, hi) = self.span(a, b);
        (lo..hi).map(|k| self.word(text, k, a, b)).find(|w| !w.is_empty())
    }
}

/// `memo[k]`, computed by `f` the first time it is asked.
fn memoized(memo: &[Cell<Option<bool>>], k: usize, f: impl FnOnce() -> bool) -> bool {
    match memo.get(k).and_then(Cell::get) {
        Some(v) => v,
        None => {
            let v = f();
            if let Some(cell) = memo.get(k) {
                cell.set(Some(v));
            }
            v
        }
    }
}

/// True when a possessive "'s" follows hit `k` ("Trump's recognition",
/// "Maduro's main opponent").
fn possessive(s: &Sentence<'_>, k: usize) -> bool {
    let after = between(s, s.hits[k].end, s.range.end);
    after.starts_with("'s") || after.starts_with("’s")
}

/// "of" and its Spanish forms, which join a noun to the name it is about
/// ("the dictatorship of Maduro", "el rival de Maduro", "países del").
fn is_of(w: &str) -> bool {
    matches!(w, "of" | "de" | "del")
}

/// The definite articles that may stand between "of" and a name.
fn is_article(w: &str) -> bool {
    matches!(w, "the" | "la" | "el")
}

/// The sentence's text between two global offsets.
fn between<'t>(s: &Sentence<'t>, a: usize, b: usize) -> &'t str {
    let base = s.range.start;
    s.text.get(a.saturating_sub(base)..b.saturating_sub(base)).unwrap_or("")
}

impl<'l, 'a, 'b> Ctx<'l, 'a, 'b> {
    fn new(
        lex: &'l Lexicon,
        s: &'a Sentence<'b>,
        excluded: &'a [bool],
        index: &'a WordIndex<'b>,
        work: &'a Cell<u64>,
    ) -> Ctx<'l, 'a, 'b> {
        let hits = s.hits;
        let (mut side, mut actor) = (None, None);
        let mut side_before = Vec::with_capacity(hits.len());
        let mut actor_before = Vec::with_capacity(hits.len());
        for (k, h) in hits.iter().enumerate() {
            side_before.push(side);
            actor_before.push(actor);
            if let Some(a) = h.side().filter(|a| !matches!(a, Align::Neutral | Align::Force)) {
                side = Some((k, a));
            }
            if h.actor().is_some() {
                actor = Some(k);
            }
        }
        let memo = || vec![Cell::new(None); hits.len()];
        Ctx {
            lex,
            s,
            excluded,
            index,
            usable_memo: memo(),
            object_memo: memo(),
            container_memo: memo(),
            apposition_memo: memo(),
            side_before,
            actor_before,
            agent_before: OnceCell::new(),
            excluded_codes: OnceCell::new(),
            commas: OnceCell::new(),
            runs: OnceCell::new(),
            work,
        }
    }

    fn tick(&self, n: usize) {
        self.work.set(self.work.get() + n as u64);
    }

    fn between(&self, a: usize, b: usize) -> &'b str {
        between(self.s, a, b)
    }

    /// The number of words between two global offsets.
    fn words_between(&self, a: usize, b: usize) -> usize {
        self.tick(1);
        let base = self.s.range.start;
        self.index.count(a.saturating_sub(base), b.saturating_sub(base))
    }

    /// The nearest side named before hit `i` (not a neutral one).
    fn nearest_side(&self, i: usize) -> Option<(usize, Align)> {
        self.side_before.get(i).copied().flatten()
    }

    fn run_index(&self) -> &RunIndex {
        self.runs.get_or_init(|| {
            self.tick(self.s.text.len());
            RunIndex::new(self.lex, self.s.text)
        })
    }

    /// The last `n` words before `at`, read off the sentence's word index.
    fn sentence_words_before(&self, at: usize, n: usize) -> Vec<std::borrow::Cow<'b, str>> {
        self.index.words_before(at.saturating_sub(self.s.range.start), n)
    }

    fn sentence_words_after(&self, at: usize, n: usize) -> Vec<std::borrow::Cow<'b, str>> {
        self.index.words_after(at.saturating_sub(self.s.range.start), n)
    }

    /// True when the actor at hit `k` is the object of a verb or preposition
    /// ("relations with the United States", "visited Argentina").
    fn is_object(&self, k: usize) -> bool {
        memoized(&self.object_memo, k, || self.is_object_uncached(k))
    }

    fn is_object_uncached(&self, k: usize) -> bool {
        let h = &self.s.hits[k];
        if self.owner_of_side(k) {
            return true;
        }
        if let Some(p) = k.checked_sub(1).map(|p| &self.s.hits[p]) {
            let gap = self.between(p.end, h.start);
            // "Organización de Estados Americanos (OEA)": the abbreviation
            // is the same mention.
            if p.actor() == h.actor() && gap.trim() == "(" {
                return self.is_object(k - 1);
            }
            // "la suspensión de Venezuela de la OEA", "Venezuela's
            // suspension from the OAS": what Venezuela is suspended from or
            // leaves is no subject.
            let words: Vec<_> = words_borrowed(gap).collect();
            let from = matches!(words.as_slice(), [a] if is_of(a) || a == "from")
                || matches!(words.as_slice(), [a, b] if (is_of(a) || a == "from") && is_article(b));
            if p.has(Tag::Venezuela) && p.side().is_none() && from && !gap.contains([',', ';', '(']) {
                return true;
            }
        }
        let mut before = self.sentence_words_before(h.start, 3);
        while before.last().is_some_and(|w| matches!(&**w, "the" | "its" | "el" | "la" | "los" | "las")) {
            before.pop();
        }
        let n = before.len();
        let lang = self.s.lang;
        let one = before.last().is_some_and(|w| self.lex.is_object_marker(lang, w));
        // The two words joined by a space, on the stack: markers are short.
        let two = n >= 2 && {
            let (a, b) = (before[n - 2].as_bytes(), before[n - 1].as_bytes());
            let mut buf = [0u8; 64];
            let len = a.len() + 1 + b.len();
            len <= buf.len() && {
                buf[..a.len()].copy_from_slice(a);
                buf[a.len()] = b' ';
                buf[a.len() + 1..len].copy_from_slice(b);
                std::str::from_utf8(&buf[..len]).is_ok_and(|two| self.lex.is_object_marker(lang, two))
            }
        };
        if !(one || two) {
            return false;
        }
        // "in Uruguay, which reaffirmed its support": a relative clause makes
        // the place its subject again.
        let after = self.sentence_words_after(h.end, 1);
        let rest = self.between(h.end, self.s.range.end).trim_start();
        if rest.starts_with(',') && after.first().is_some_and(|w| matches!(&**w, "which" | "who" | "que" | "quien")) {
            return false;
        }
        // "lawmakers in Russia", "leaders from Brazil": an institution before the
        // marker makes the place whose institution it is, not an object.
        let inst_before = n >= 2 && self.lex.institutions.iter().any(|i| i.len() == 1 && i[0] == before[n - 2]);
        !inst_before
    }

    /// True when the actor at hit `k` is joined by "of" to the use of force
    /// named just before it ("la intervención militar de Estados Unidos", "el ataque
    /// militar del gobierno de Donald Trump"): it owns what the cue is
    /// about, and is not the one acting.
    fn owner_of_side(&self, k: usize) -> bool {
        let Some(p) = k.checked_sub(1).map(|p| &self.s.hits[p]) else { return false };
        // Only the use of force is owned this way: "el presidente interino
        // de Bolivia" is Bolivia's president, and Bolivia acts.
        let force = p.side() == Some(Align::Force)
            || p.dated_side().is_some_and(|d| {
                self.lex.dated_sides[d as usize].spans.iter().any(|(a, _, _)| *a == Some(Align::Force))
            });
        if !force {
            return false;
        }
        let gap = self.between(p.end, self.s.hits[k].start);
        if gap.contains([',', '.', ';', ':', '(']) {
            return false;
        }
        let words: Vec<_> = words_borrowed(gap).collect();
        let institution = |w: &str| self.lex.institutions.iter().any(|i| i.len() == 1 && i[0] == w);
        (1..=4).contains(&words.len())
            && is_of(&words[0])
            && words.iter().all(|w| is_of(w) || is_article(w) || matches!(&**w, "los" | "las") || institution(w))
    }

    /// True when hit `j` (a side) names whose adversary is meant: a rival
    /// noun a few words after its possessive ("Maduro's main political
    /// opponent") or right before it with "of" ("rival de Maduro").
    fn rival_of(&self, j: usize) -> bool {
        let h = &self.s.hits[j];
        let rival = |w: &std::borrow::Cow<'_, str>| self.lex.rivals.contains(&**w);
        if possessive(self.s, j) {
            return self.sentence_words_after(h.end, 4).iter().skip(1).any(rival);
        }
        // Only read the words before when "of" or "de" is right there.
        let lead = self.between(self.s.range.start, h.start).trim_end().as_bytes();
        let of = [&b" of"[..], b" de", b" del"]
            .iter()
            .any(|w| lead.len() > w.len() && lead[lead.len() - w.len()..].eq_ignore_ascii_case(w));
        if !of {
            return false;
        }
        let before = self.sentence_words_before(h.start, 2);
        before.len() == 2 && rival(&before[0]) && is_of(&before[1])
    }

    /// True when "since" and a date follow the target at hit `t` within a
    /// few words ("no reconoce a Guaidó como presidente interino desde el
    /// pasado 5 de enero"): not recognising since a day is having stopped.
    fn since_a_date(&self, t: usize) -> bool {
        let after = self.sentence_words_after(self.s.hits[t].end, 14);
        let Some(at) = after.iter().position(|w| matches!(&**w, "since" | "desde")) else { return false };
        after[at + 1..].iter().take(4).any(|w| {
            w.bytes().all(|b| b.is_ascii_digit())
                || self.lex.calendars.iter().any(|c| c.name(w).is_some_and(|n| (1..=12).contains(&n)))
        })
    }

    /// True when a statement's noun stands right before hit `i`, an
    /// article or "is" aside ("a statement, backed by", "This statement is
    /// supported by").
    fn after_document(&self, i: usize) -> bool {
        let before = self.sentence_words_before(self.s.hits[i].start, 3);
        let mut words = before.iter().rev().skip_while(|w| matches!(&***w, "is" | "was" | "fue" | "es" | "está"));
        words.next().is_some_and(|w| self.lex.documents.contains(&**w))
    }

    /// True when hit `k` names an organisation as the place of its member
    /// countries: a container noun right after it ("European Union nations")
    /// or a few words before it ("seven of the 28 countries of the EU").
    fn container(&self, k: usize) -> bool {
        // "the European Union (EU)": the abbreviation is the same mention,
        // and so is one after it ("EU (EU (EU"), as far back as they go:
        // read back without recursion, and remembered for each.
        let mut first = k;
        while first > 0 && self.container_memo[first].get().is_none() {
            let (p, h) = (&self.s.hits[first - 1], &self.s.hits[first]);
            self.tick(1);
            if !(p.actor() == h.actor() && self.between(p.end, h.start).trim() == "(") {
                break;
            }
            first -= 1;
        }
        let v = memoized(&self.container_memo, first, || self.container_here(first));
        for m in &self.container_memo[first..=k] {
            m.set(Some(v));
        }
        v
    }

    /// [`Ctx::container`] of hit `k`, read at `k` (not as an abbreviation).
    fn container_here(&self, k: usize) -> bool {
        let h = &self.s.hits[k];
        let before = self.sentence_words_before(h.start, 3);
        let after = self.sentence_words_after(h.end, 1);
        let contains = |w: &std::borrow::Cow<'_, str>| self.lex.containers.contains(&**w);
        // "countries of the", "países de la", "países del": the noun, then
        // "of" and perhaps an article, right before the name.
        let n = before.len();
        let of_before = (n >= 2 && contains(&before[n - 2]) && is_of(&before[n - 1]))
            || (n >= 3 && contains(&before[n - 3]) && is_of(&before[n - 2]) && is_article(&before[n - 1]));
        after.first().is_some_and(contains) || of_before
    }

    /// True when a partitive stands a few words before hit `k` ("most
    /// members of the", "la mayoría de los países del").
    fn partitive(&self, k: usize) -> bool {
        self.sentence_words_before(self.s.hits[k].start, 5).iter().any(|w| self.lex.partitives.contains(&**w))
    }

    /// True when hit `k` lies inside an apposition between commas that
    /// opens with an article ("El gobierno sirio, un aliado clave de Irán,
    /// expresó su apoyo"): the apposition describes the subject before it.
    fn in_apposition(&self, k: usize) -> bool {
        memoized(&self.apposition_memo, k, || self.in_apposition_uncached(k))
    }

    fn in_apposition_uncached(&self, k: usize) -> bool {
        let h = &self.s.hits[k];
        let text = self.s.text;
        let Some(at) = h.start.checked_sub(self.s.range.start).filter(|&at| text.is_char_boundary(at)) else {
            return false;
        };
        // The last comma before the hit, from the sentence's commas.
        let commas = self.commas.get_or_init(|| {
            self.tick(text.len() / 8);
            memchr::memchr_iter(b',', text.as_bytes()).collect()
        });
        let Some(&comma) = commas[..commas.partition_point(|&c| c < at)].last() else { return false };
        self.tick(1);
        if self.index.count(comma + 1, at) > 6 {
            return false;
        }
        let first = if at - comma <= LONG_STRETCH {
            words_borrowed(&text[comma + 1..at]).next()
        } else {
            self.run_index().first(text, comma + 1, at)
        };
        first.is_some_and(|w| self.lex.apposition_openers.contains(&*w))
            && self.between(h.end, self.s.range.end).trim_start().starts_with(',')
    }

    /// True when hit `k` lies inside a quotation that the cue at hit `i` is
    /// outside of (`tras asegurar que "el Grupo de Lima no tiene ...",
    /// pidió`): words quoted are the speaker's, not the subject of the cue.
    /// (The other way round is common and sound: `Canada said it "recognizes
    /// Guaidó"`.)
    fn quoted_apart(&self, k: usize, i: usize) -> bool {
        let (hk, hi) = (&self.s.hits[k], &self.s.hits[i]);
        // Quotations are in order and never overlap: only one can hold hit `k`.
        let quotes = self.s.quotes;
        let q = quotes.get(quotes.partition_point(|q| q.end <= hk.start));
        q.is_some_and(|q| q.contains(&hk.start) && !q.contains(&hi.start))
    }

    /// True when the side at hit `t`, before the cue at hit `i`, is what the
    /// cue is aimed at ("Guaidó has violated"): close by, with no comma
    /// (but the one opening a relative clause) and no actor acting between
    /// (or a pronoun standing for it after the actor), and not the subject of an act of its own ("the
    /// results the opposition rejects", "Maduro, ha denunciado").
    fn aims_back(&self, t: usize, i: usize) -> bool {
        let hits = self.s.hits;
        let gap = self.between(hits[t].end, hits[i].start);
        let cue = self.between(hits[i].start, hits[i].end).to_lowercase();
        if self.lex.forward_only.contains(&cue) {
            return false;
        }
        let acting = |k: usize| hits[k].actor().is_some() && !self.is_object(k);
        // "Perú lo considera ... una dictadura": a pronoun after the actor
        // stands for the side named before, however far.
        if let Some(p) = (t + 1..i).rev().find(|&p| hits[p].has(Tag::Pronoun)) {
            return !(p + 1..i).any(acting);
        }
        // "Guaidó, cuya legitimidad está reconocida", "Maduro, que está en
        // el poder de manera ilegítima": a relative clause speaks of the side.
        let relative = words_borrowed(gap).next().is_some_and(|w| {
            matches!(&*w, "whose" | "who" | "which" | "cuya" | "cuyo" | "cuyas" | "cuyos" | "que" | "quien")
        });
        self.words_between(hits[t].end, hits[i].start) <= 5
            && (!gap.contains([',', ';', ':'])
                || relative && !gap.contains([';', ':']) && gap.matches(',').count() == 1)
            && !(t + 1..i).any(acting)
    }

    /// True when the cue at hit `i` is a participle used as a noun after an
    /// article ("el reconocido como presidente interino").
    fn nominal_participle(&self, i: usize) -> bool {
        let h = &self.s.hits[i];
        let cue = self.between(h.start, h.end).to_lowercase();
        let participle = ["ado", "ada", "ados", "adas", "ido", "ida", "idos", "idas"].iter().any(|e| cue.ends_with(e));
        participle
            && self
                .sentence_words_before(h.start, 1)
                .first()
                .is_some_and(|w| matches!(&**w, "el" | "la" | "los" | "las" | "lo"))
    }

    /// True when a word saying "not yet" stands by the negated cue at hit
    /// `i` ("aún no reconoce", "no reconoció aún", "has not yet recognised").
    fn pending(&self, i: usize) -> bool {
        let h = &self.s.hits[i];
        let near = |w: &std::borrow::Cow<'_, str>| self.lex.pending.contains(&**w);
        self.sentence_words_before(h.start, 4).iter().any(near) || self.sentence_words_after(h.end, 1).iter().any(near)
    }

    /// True when the title at hit `i` ("presidente electo") is another
    /// country's ("el presidente electo de Uruguay") or a named person's who
    /// is on no side ("el presidente electo Pou").
    fn title_of_another(&self, i: usize) -> bool {
        let hits = self.s.hits;
        let h = &hits[i];
        let next = hits.get(i + 1);
        let of_country = next.is_some_and(|n| {
            matches!(n.actor(), Some(Tag::Country(_)))
                && self.words_between(h.end, n.start) == 1
                && self.sentence_words_after(h.end, 1).first().is_some_and(|w| is_of(w))
        });
        let rest = self.between(h.end, self.s.range.end);
        let name_follows = rest.starts_with(' ')
            && rest.trim_start().chars().next().is_some_and(char::is_uppercase)
            && !next.is_some_and(|n| n.side().is_some() && self.words_between(h.end, n.start) == 0);
        of_country || name_follows
    }

    /// True when a coordinating word ("and", "y") stands between two offsets.
    fn coordinated(&self, a: usize, b: usize) -> bool {
        self.any_word_between(a, b, &self.lex.coordinators)
    }

    /// True when a clause-breaking word ("after", "tras") stands between two offsets.
    fn breaks_clause(&self, a: usize, b: usize) -> bool {
        // ", as the UK announced sanctions": "as" after a comma opens a
        // clause, though "recognised him as president" does not.
        self.any_word_between(a, b, &self.lex.clause_breaks) || self.between(a, b).contains(", as ")
    }

    fn any_word_between(&self, a: usize, b: usize, words: &HashSet<String>) -> bool {
        let gap = self.between(a, b);
        if gap.len() <= LONG_STRETCH {
            self.tick(gap.len() / 8 + 1);
            return words_borrowed(gap).any(|w| words.contains(&*w));
        }
        // A long stretch, which a sentence of many cues may ask about
        // again and again: read off the index of the sentence's words.
        self.tick(1);
        let base = self.s.range.start;
        let (a, b) = (a.saturating_sub(base), b.saturating_sub(base));
        let runs = self.run_index();
        let counts = if std::ptr::eq(words, &self.lex.clause_breaks) {
            &runs.breaks
        } else if std::ptr::eq(words, &self.lex.coordinators) {
            &runs.coordinators
        } else {
            return words_borrowed(gap).any(|w| words.contains(&*w));
        };
        runs.any(self.s.text, a, b, words, counts)
    }

    /// "Former Colombian president ...": a former office speaks for nobody.
    fn is_former(&self, k: usize) -> bool {
        let before = self.sentence_words_before(self.s.hits[k].start, 2);
        before.iter().any(|w| matches!(&**w, "former" | "ex" | "expresidente" | "exmandatario" | "late"))
    }

    /// A demonym is an actor only next to an institution ("Russian lawmakers",
    /// "el gobierno ruso").
    fn demonym_is_actor(&self, k: usize) -> bool {
        let h = &self.s.hits[k];
        let after = self.sentence_words_after(h.end, 4);
        let before = self.sentence_words_before(h.start, 4);
        // "el gobierno ruso", and with one adjective between ("el nuevo
        // gobierno conservador griego").
        self.lex.institutions.iter().any(|inst| {
            let n = inst.len();
            (0..=2).any(|skip| after.len() >= skip + n && after[skip..skip + n] == inst[..])
                || (0..=1).any(|skip| {
                    before.len() >= n + skip && before[before.len() - n - skip..before.len() - skip] == inst[..]
                })
        })
    }

    /// Actor codes named by hit `k` on the sentence's date, with the mention.
    fn resolve(&self, k: usize) -> Vec<(&'l str, Range<usize>)> {
        let h = &self.s.hits[k];
        let Some(tag) = h.actor() else { return Vec::new() };
        let mention = h.start..h.end;
        match tag {
            // "the Lima group: Honduras, Panama, ...": the list that follows
            // names the members, so the group adds none of its own.
            Tag::Group(_) if self.between(h.end, self.s.range.end).trim_start().starts_with(':') => Vec::new(),
            // "countries of the European Union", "European Union nations":
            // the organisation holds the actors and is not one.
            Tag::Organisation(_) if self.container(k) => Vec::new(),
            // "most members of the Lima Group" is some of them, but which?
            Tag::Group(_) if self.partitive(k) => Vec::new(),
            // "All Lima Group members except Guyana": a member excluded by
            // name in the sentence is not among those who acted.
            Tag::Group(g) => {
                let hits = self.s.hits;
                let excluded = self.excluded_codes.get_or_init(|| {
                    self.tick(hits.len());
                    (0..hits.len())
                        .filter(|&j| self.excluded[j])
                        .filter_map(|j| hits[j].actor().and_then(|t| self.lex.actor_code(t, self.s.date)))
                        .collect()
                });
                self.lex.groups[g as usize]
                    .members_on(self.s.date)
                    .into_iter()
                    .filter(|c| !excluded.contains(c))
                    .map(|c| (c, mention.clone()))
                    .collect()
            }
            Tag::Demonym(_) if !self.demonym_is_actor(k) => Vec::new(),
            _ => self.lex.actor_code(tag, self.s.date).map(|c| vec![(c, mention)]).unwrap_or_default(),
        }
    }

    /// True when hit `k` names an actor on the sentence's date (without
    /// building the list [`Ctx::resolve`] would).
    fn usable(&self, k: usize) -> bool {
        memoized(&self.usable_memo, k, || self.usable_uncached(k))
    }

    fn usable_uncached(&self, k: usize) -> bool {
        if self.excluded[k] || self.is_former(k) {
            return false;
        }
        match self.s.hits[k].actor() {
            Some(Tag::Group(_)) if self.between(self.s.hits[k].end, self.s.range.end).trim_start().starts_with(':') => {
                true
            }
            Some(Tag::Group(g)) => self.lex.groups[g as usize].has_members_on(self.s.date),
            Some(Tag::Organisation(_)) if self.container(k) => false,
            Some(Tag::Demonym(_)) => self.demonym_is_actor(k),
            Some(tag) => self.lex.actor_code(tag, self.s.date).is_some(),
            None => false,
        }
    }

    /// True when hits `a` and `b` name one actor with its title between
    /// ("the United Kingdom's Foreign Secretary James Cleverly"), no
    /// punctuation but the possessive in between.
    fn one_actor(&self, a: usize, b: usize) -> bool {
        let hits = self.s.hits;
        let gap = self.between(hits[a].end, hits[b].start);
        let code = |k: usize| hits[k].actor().and_then(|t| self.lex.actor_code(t, self.s.date));
        // A title is the possessive's noun phrase or capitalised words
        // ("U.S. President Donald Trump"), not a clause ("with the United
        // States after U.S. President ...").
        let title = possessive(self.s, a)
            || crate::text::word_slices(gap).all(|w| w.chars().next().is_some_and(char::is_uppercase));
        title
            && !gap.contains([',', ';', '.', ':', '(', ')'])
            && word_count(gap) <= 10
            && !self.breaks_clause(hits[a].end, hits[b].start)
            && code(a).is_some()
            && code(a) == code(b)
    }

    /// True when only list glue stands between two hits.
    fn glued(&self, a: usize, b: usize) -> bool {
        let hits = self.s.hits;
        let gap = self.between(hits[a].end, hits[b].start);
        if gap.contains(';') || gap.contains('.') {
            return false;
        }
        let mut n = 0;
        words_borrowed(gap).all(|x| {
            n += 1;
            n <= 8 && (self.lex.list_glue.contains(&*x) || x.bytes().all(|b| b.is_ascii_digit()))
        })
    }

    /// The actors holding the stance of the cue at hit `i`: the nearest
    /// usable actor before it and the list it ends, else the speaker.
    fn subject(&self, i: usize) -> Vec<(&'l str, Range<usize>)> {
        let hits = self.s.hits;
        // An actor far before the cue is rarely its subject; past this
        // distance the quotation's speaker is the better guess.
        const SUBJECT_REACH: usize = 20;
        let found =
            (0..i).rev().take_while(|&k| self.words_between(hits[k].end, hits[i].start) <= SUBJECT_REACH).find(|&k| {
                !self.quoted_apart(k, i)
                    && (hits[k].actor().is_some() && !self.is_object(k) && !self.in_apposition(k) && self.usable(k)
                        || matches!(hits[k].actor(), Some(Tag::Person(_))) && !self.is_object(k))
            });
        // "a dozen of its member states recognized": the members act, and
        // which ones the sentence does not say.
        // A group of countries is its members, so "Lima Group members",
        // glued to the name, are the group itself; "EU member states" are
        // not the EU.
        let members_between = |k: usize| {
            let group = matches!(hits[k].actor(), Some(Tag::Group(_)));
            matches!(hits[k].actor(), Some(Tag::Organisation(_) | Tag::Group(_)))
                && hits[k + 1..i].iter().any(|h| {
                    h.has(Tag::Members)
                        && !(group && self.between(hits[k].end, h.start).chars().all(char::is_whitespace))
                })
        };
        match found {
            Some(k) if members_between(k) => Vec::new(),
            Some(k) if self.usable(k) => {
                let mut first = k;
                while let Some(p) = self.actor_before[first] {
                    self.tick(1);
                    if self.excluded[p] || !(self.glued(p, first) || self.one_actor(p, first)) {
                        break;
                    }
                    first = p;
                }
                // "the ambassadors to the United Nations and Cuba": a list
                // that starts as an object is an object all along.
                // But "a statement, backed by Chile and Peru, rejected": the
                // signatories of a statement are the ones acting.
                let signed = first > 0
                    && hits[first - 1].cue() == Some(Cue::SupportPassive)
                    && self.after_document(first - 1)
                    && self.words_between(hits[first - 1].end, hits[first].start) <= 4;
                if first < k && self.is_object(first) && !signed {
                    return Vec::new();
                }
                // A title's country before its holder ("Turkish President
                // Erdogan") is the holder's mention, which names them.
                let titled =
                    |p: usize| (p + 1..=k).find(|&q| hits[q].actor().is_some()).is_some_and(|q| self.one_actor(p, q));
                (first..=k)
                    .filter(|&p| hits[p].actor().is_some() && !self.excluded[p] && !titled(p))
                    .flat_map(|p| self.resolve(p))
                    .collect()
            }
            // A person named as the one acting who holds no office on that
            // date (a former president) speaks for nobody.
            Some(_) => Vec::new(),
            None => self.speaker(),
        }
    }

    fn speaker(&self) -> Vec<(&'l str, Range<usize>)> {
        let Some(h) = self.s.speaker else { return Vec::new() };
        let Some(tag) = h.actor() else { return Vec::new() };
        self.lex.actor_code(tag, self.s.date).map(|c| vec![(c, h.start..h.end)]).unwrap_or_default()
    }

    /// The actors named after the cue at hit `i` ("backed by Brazil and ...").
    fn actors_after(&self, i: usize) -> Vec<(&'l str, Range<usize>)> {
        self.list_after(i, true, 8)
    }

    /// The countries on the receiving end of Venezuela's act at hit `n`
    /// (people are never on the receiving end of a rupture).
    fn objects_after(&self, n: usize) -> Vec<(&'l str, Range<usize>)> {
        self.list_after(n, false, 14)
    }

    /// The first usable actor within `reach` words after hit `i`, and the
    /// list it opens ("Brazil and eleven countries ...: Honduras, Panama, ...").
    fn list_after(&self, i: usize, people: bool, reach: usize) -> Vec<(&'l str, Range<usize>)> {
        let hits = self.s.hits;
        let Some(k) = (i + 1..hits.len())
            .take_while(|&k| self.words_between(hits[i].end, hits[k].start) <= reach)
            .find(|&k| self.usable(k) && (people || !matches!(hits[k].actor(), Some(Tag::Person(_)))))
        else {
            return Vec::new();
        };
        let mut last = k;
        let mut out = self.resolve(k);
        for n in k + 1..hits.len() {
            self.tick(1);
            if hits[n].actor().is_none() {
                continue;
            }
            if !self.glued(last, n) && !self.between(hits[last].end, hits[n].start).trim().starts_with(':') {
                break;
            }
            if !self.excluded[n] {
                out.extend(self.resolve(n));
            }
            last = n;
        }
        out
    }

    /// Who acts at hit `i`: Venezuela or an actor, whichever is named last before it.
    fn nearest_agent(&self, i: usize) -> Option<Agent> {
        let hits = self.s.hits;
        let before = self.agent_before.get_or_init(|| {
            self.tick(hits.len());
            let mut last = None;
            let mut out = Vec::with_capacity(hits.len());
            for (k, h) in hits.iter().enumerate() {
                out.push(last);
                if h.has(Tag::Venezuela) {
                    last = Some(Agent::Venezuela);
                } else if h.actor().is_some() && !self.is_object(k) && self.usable(k) {
                    last = Some(Agent::Actor);
                }
            }
            out
        });
        before.get(i).copied().flatten()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The work [`classify_counted`] does on `text` as one sentence.
    fn work(lex: &Lexicon, text: &str) -> u64 {
        let hits = lex.scan(text);
        let quotes = crate::text::quotations(text);
        let s = Sentence {
            text,
            range: 0..text.len(),
            hits: &hits,
            date: "2019-01-25".parse().unwrap(),
            speaker: None,
            lang: "en",
            quotes: &quotes,
        };
        let w = Cell::new(0);
        classify_counted(lex, &s, &w, u64::MAX);
        w.get()
    }

    /// Sentences made of one construction repeated, each of which once sent
    /// a loop back over the sentence from every cue or marker: eight times
    /// the construction must cost about eight times the work, not sixty-four.
    #[test]
    fn work_on_one_sentence_grows_linearly_with_repeated_constructions() {
        let lex = Lexicon::builtin().unwrap();
        let cases: &[(&str, &str, &str)] = &[
            ("Canada recognized Guaidó", ", as did Brazil", "."),
            ("Canada backs Guaidó and", " supports him", "."),
            ("Guaidó", " backed by", " Canada."),
            ("", "Venezuela broke ", "relations with Canada."),
            ("", "Maduro thanked ", "Russia for its support."),
            ("Canada recognized Guaidó and the European Union", " (EU", "."),
            ("", "\"a\" Canada recognized Guaidó ", "."),
            ("", "the Lima Group recognized Guaidó except Peru, ", "."),
            ("Canada, ", "— ", "Brazil recognized Guaidó Brazil recognized Guaidó Brazil recognized Guaidó."),
            ("", "dictator Venezuela ", "Maduro."),
            ("Canada", " recognized and supported", " Guaidó."),
            ("Guaidó was recognized by Canada", " after", " backed by Brazil."),
        ];
        for (head, unit, tail) in cases {
            let text = |n: usize| format!("{head}{}{tail}", unit.repeat(n));
            let (small, large) = (work(&lex, &text(500)), work(&lex, &text(4000)));
            assert!(large <= 12 * small, "{unit:?}: {small} units for 500 repeats, {large} for 4000");
        }
    }
}
