//! The names of the rules' constructions and guards, and the steps a
//! sentence's reading takes, recorded when asked ([`super::classify_traced`])
//! so that `atlas-extract explain` and a failing sentence case can say why a
//! sentence gave what it gave.

use atlas_model::{EventKind, Stance};
use std::ops::Range;

/// A construction: one way a sentence tells an act, read by one reader.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Construction {
    /// A cue with its subject before it and its target after it (or just
    /// before it): "Canada recognized Guaidó".
    ActiveCue,
    /// A passive cue with its agents after it: "backed by Brazil".
    PassiveCue,
    /// A call or a welcome with a neutral target: "urged dialogue".
    Call,
    /// Thanks from a side to the actors named after it, for their support.
    Thanks,
    /// Meeting Venezuela's head of state or a claimant in person: "Xi met
    /// with his Venezuelan counterpart", or a meeting told of both: "Petro
    /// and Maduro met".
    Meeting,
    /// A title or word that takes a side by itself: "interim president".
    IntrinsicStance,
    /// A word that is neutral by itself: "neutrality".
    IntrinsicNeutral,
    /// Venezuela breaking relations with or recalling diplomats from a
    /// country (which marks that country), or a country doing so to Venezuela.
    Rupture,
    /// Restoring relations, an embassy, ambassadors: "restableció relaciones".
    Restoration,
    /// Leaving the Lima Group.
    LeftGroup,
    /// Not recognising the opposition any longer: "no longer recognises Guaidó".
    Derecognition,
    /// The actors after a repeat marker repeat the act before it: "as did Canada".
    Repeat,
}

impl Construction {
    /// True when the act's holder is the subject before the cue (else the
    /// actors after it, or those on the receiving end).
    pub fn has_subject(self) -> bool {
        !matches!(self, Construction::PassiveCue | Construction::Thanks | Construction::Repeat)
    }

    /// Every construction, in the order of the documentation.
    pub const ALL: [Construction; 12] = [
        Construction::ActiveCue,
        Construction::PassiveCue,
        Construction::Call,
        Construction::Thanks,
        Construction::Meeting,
        Construction::IntrinsicStance,
        Construction::IntrinsicNeutral,
        Construction::Rupture,
        Construction::Restoration,
        Construction::LeftGroup,
        Construction::Derecognition,
        Construction::Repeat,
    ];

    /// The construction's name, as the trace and the sentence cases spell it.
    pub fn name(self) -> &'static str {
        match self {
            Construction::ActiveCue => "active_cue",
            Construction::PassiveCue => "passive_cue",
            Construction::Call => "call",
            Construction::Thanks => "thanks",
            Construction::Meeting => "meeting",
            Construction::IntrinsicStance => "intrinsic_stance",
            Construction::IntrinsicNeutral => "intrinsic_neutral",
            Construction::Rupture => "rupture",
            Construction::Restoration => "restoration",
            Construction::LeftGroup => "left_group",
            Construction::Derecognition => "derecognition",
            Construction::Repeat => "repeat",
        }
    }

    /// The construction named `name`.
    pub fn parse(name: &str) -> Option<Construction> {
        Construction::ALL.into_iter().find(|c| c.name() == name)
    }
}

/// A guard: a named reason for reading no act where a construction began,
/// or for passing over an actor as the one who acts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Guard {
    /// A negator just before the cue ("did not recognise"), where a
    /// negation takes no side.
    Negation,
    /// A modal right before the cue ("should recognise", "may have backed").
    Modal,
    /// A cancelling act before the cue ("vetoed a resolution backing").
    Cancelled,
    /// A cancelling cue whose object is the next cue ("warned against
    /// recognising"): it is no cue of its own.
    CancelsNextCue,
    /// A writer's label glued to a name ("dictator Maduro").
    Epithet,
    /// A passive support cue after a statement's noun ("a statement, backed
    /// by A and B, rejected"): its agents sign the statement.
    StatementSignatories,
    /// A participle after an article names someone ("el reconocido como").
    NominalParticiple,
    /// Opposing a neutral target ("rejected dialogue") takes no side.
    AgainstNeutral,
    /// A decision still pending ("aún no reconoce", "not yet").
    Pending,
    /// A meeting with someone who neither holds nor claims Venezuela's
    /// presidency ("met with opposition leader María Corina Machado"), or
    /// too far from the meeting's verb.
    NotHeadOfState,
    /// A common noun aimed at another country ("US sanctions on Iran").
    AimedElsewhere,
    /// A negated act other than not recognising Maduro takes no side.
    NegationTakesNoSide,
    /// Not recognising the interim government of 2026 takes no side.
    InterimNotRecognised,
    /// The title given to Maduro ("Maduro presidente electo").
    TitleOfMaduro,
    /// A title of another country's or a named person on no side.
    TitleOfAnother,
    /// A country's rupture that is not aimed at Venezuela.
    NotTowardsVenezuela,
    /// One sentence gives an actor both sides: it gives it nothing.
    BothSides,
    /// The actor is the object of a verb or preposition ("with the United States").
    Object,
    /// The actor lies in an apposition ("Syria, a key ally of Iran,").
    Apposition,
    /// The actor is quoted inside a quotation the cue is outside of.
    QuotedApart,
    /// The actor is set aside by an exclusion ("except Guyana").
    Excluded,
    /// A former office speaks for nobody ("former president").
    Former,
    /// A legislature or its members speak for no government ("Russian
    /// lawmakers", "the government's leader in Congress").
    Legislature,
    /// The actor holds no office, or the group no members, on the date.
    NoOffice,
    /// An organisation's member states act, not the organisation.
    MemberStates,
    /// A list that starts as an object is an object all along ("the
    /// ambassadors to the United Nations and Cuba").
    ObjectList,
    /// An organisation named as the place of its members ("EU countries").
    Container,
    /// "Most members of the Lima Group": some of them, but which?
    Partitive,
}

impl Guard {
    /// Every guard.
    pub const ALL: [Guard; 28] = [
        Guard::Negation,
        Guard::Modal,
        Guard::Cancelled,
        Guard::CancelsNextCue,
        Guard::Epithet,
        Guard::StatementSignatories,
        Guard::NominalParticiple,
        Guard::AgainstNeutral,
        Guard::Pending,
        Guard::NotHeadOfState,
        Guard::AimedElsewhere,
        Guard::NegationTakesNoSide,
        Guard::InterimNotRecognised,
        Guard::TitleOfMaduro,
        Guard::TitleOfAnother,
        Guard::NotTowardsVenezuela,
        Guard::BothSides,
        Guard::Object,
        Guard::Apposition,
        Guard::QuotedApart,
        Guard::Excluded,
        Guard::Former,
        Guard::Legislature,
        Guard::NoOffice,
        Guard::MemberStates,
        Guard::ObjectList,
        Guard::Container,
        Guard::Partitive,
    ];

    /// The guard's name, as the trace and the sentence cases spell it.
    pub fn name(self) -> &'static str {
        match self {
            Guard::Negation => "negation",
            Guard::Modal => "modal",
            Guard::Cancelled => "cancelled",
            Guard::CancelsNextCue => "cancels_next_cue",
            Guard::Epithet => "epithet",
            Guard::StatementSignatories => "statement_signatories",
            Guard::NominalParticiple => "nominal_participle",
            Guard::AgainstNeutral => "against_neutral",
            Guard::Pending => "pending",
            Guard::NotHeadOfState => "not_head_of_state",
            Guard::AimedElsewhere => "aimed_elsewhere",
            Guard::NegationTakesNoSide => "negation_takes_no_side",
            Guard::InterimNotRecognised => "interim_not_recognised",
            Guard::TitleOfMaduro => "title_of_maduro",
            Guard::TitleOfAnother => "title_of_another",
            Guard::NotTowardsVenezuela => "not_towards_venezuela",
            Guard::BothSides => "both_sides",
            Guard::Object => "object",
            Guard::Apposition => "apposition",
            Guard::QuotedApart => "quoted_apart",
            Guard::Excluded => "excluded",
            Guard::Former => "former",
            Guard::Legislature => "legislature",
            Guard::NoOffice => "no_office",
            Guard::MemberStates => "member_states",
            Guard::ObjectList => "object_list",
            Guard::Container => "container",
            Guard::Partitive => "partitive",
        }
    }

    /// The guard named `name`.
    pub fn parse(name: &str) -> Option<Guard> {
        Guard::ALL.into_iter().find(|g| g.name() == name)
    }

    /// What the guard means, in a few words, for the trace.
    pub fn meaning(self) -> &'static str {
        match self {
            Guard::Negation => "a negation takes no side here",
            Guard::Modal => "a wish or a hedge, not an act",
            Guard::Cancelled => "the act is cancelled or refused",
            Guard::CancelsNextCue => "it cancels the cue after it",
            Guard::Epithet => "the writer's label for a name, not anyone's act",
            Guard::StatementSignatories => "its agents sign a statement told by another cue",
            Guard::NominalParticiple => "a participle naming someone, not an act",
            Guard::AgainstNeutral => "opposing a neutral target takes no side",
            Guard::Pending => "a decision still pending",
            Guard::NotHeadOfState => "a meeting with no head of state or claimant",
            Guard::AimedElsewhere => "aimed at another country",
            Guard::NegationTakesNoSide => "not backing one side may be neutrality",
            Guard::InterimNotRecognised => "not recognising the 2026 interim government takes no side",
            Guard::TitleOfMaduro => "the title is given to Maduro",
            Guard::TitleOfAnother => "the title is someone else's",
            Guard::NotTowardsVenezuela => "the rupture is not with Venezuela",
            Guard::BothSides => "the sentence gives it both sides",
            Guard::Object => "an object, not the one acting",
            Guard::Apposition => "inside an apposition describing another",
            Guard::QuotedApart => "quoted inside a quotation the cue is outside of",
            Guard::Excluded => "set aside by an exclusion",
            Guard::Former => "a former office speaks for nobody",
            Guard::Legislature => "a legislature speaks for no government",
            Guard::NoOffice => "speaks for no country on that date",
            Guard::MemberStates => "its member states act, not itself",
            Guard::ObjectList => "the list it ends starts as an object",
            Guard::Container => "the place of its members, not an actor",
            Guard::Partitive => "some of its members, but which?",
        }
    }
}

/// One step of a sentence's reading. Offsets are global byte ranges.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Step<'l> {
    /// A construction read an act: its cue, its target, who holds it (none
    /// when no actor could; `passed_over` then says which actors before the
    /// cue were set aside, and by which guard).
    Matched {
        /// The construction that read the act.
        construction: Construction,
        /// The cue (or marker) it started at.
        cue: Range<usize>,
        /// The target the cue is aimed at, when it has one.
        target: Option<Range<usize>>,
        /// The actors holding the act, with where they are named.
        actors: Vec<(&'l str, Range<usize>)>,
        /// The stance the act takes.
        stance: Stance,
        /// The kind of act.
        kind: EventKind,
        /// Actors before the cue that were set aside on the way to its
        /// subject (empty when the act's holders are not looked for before it).
        passed_over: Vec<(Range<usize>, Guard)>,
    },
    /// A construction began at a cue and a guard stopped it, on these words.
    Blocked {
        /// The construction that began.
        construction: Construction,
        /// The cue it began at.
        cue: Range<usize>,
        /// The guard that stopped it.
        guard: Guard,
        /// The words the guard fired on.
        words: Range<usize>,
    },
    /// A construction began at a cue but lacked a part.
    Incomplete {
        /// The construction that began.
        construction: Construction,
        /// The cue it began at.
        cue: Range<usize>,
        /// What it lacked.
        missing: &'static str,
    },
    /// Conflict resolution dropped an actor's findings.
    Dropped {
        /// The actor.
        actor: &'l str,
        /// Why.
        guard: Guard,
    },
}

impl Step<'_> {
    /// The guard this step names, if any.
    pub fn guard(&self) -> Option<Guard> {
        match self {
            Step::Blocked { guard, .. } | Step::Dropped { guard, .. } => Some(*guard),
            Step::Matched { .. } | Step::Incomplete { .. } => None,
        }
    }

    /// The actors a matched step gives its act to.
    pub fn actors(&self) -> &[(&str, Range<usize>)] {
        match self {
            Step::Matched { actors, .. } => actors,
            _ => &[],
        }
    }

    /// The construction this step names, if any.
    pub fn construction(&self) -> Option<Construction> {
        match self {
            Step::Matched { construction, .. }
            | Step::Blocked { construction, .. }
            | Step::Incomplete { construction, .. } => Some(*construction),
            Step::Dropped { .. } => None,
        }
    }
}
