//! The Stance Atlas dataset: **articles**, **stance events** and **timelines**.
//!
//! * An [`Article`] is one news text in the corpus, with its metadata.
//! * An [`Event`] says that an actor (a country by ISO 3166-1 alpha-2 code, or
//!   an organisation such as `EU`) took a [`Stance`] on a [`Date`], and carries
//!   the verbatim sentence that shows it as a byte span into the article file.
//! * A [`Dataset`] holds both and answers the two questions the app asks:
//!   [`Dataset::standing`] (where did this actor's government stand on that
//!   day, and is the evidence its own or a predecessor's?) and
//!   [`Dataset::history`] (every event of one actor, oldest first).
//! * A [`Government`] is one term of the person who set a country's foreign
//!   policy; the stance model ([`standing`](Dataset::standing)) attributes
//!   each event to the government in office on its date.
//!
//! This crate does no I/O and builds for both native and wasm targets; the
//! extractor writes a [`Dataset`] as JSON and the app reads it back.

#![warn(missing_docs)]

mod dataset;
mod date;
mod government;
mod recognition;
mod stance;
mod standing;
mod text;

pub use dataset::{
    Article, Confidence, Dataset, Event, EvidenceFile, LoadError, Provenance, Span, EVIDENCE_SCHEMA, LINES_HEADER,
    OLDEST_READABLE_VERSION, SCHEMA, SCHEMA_VERSION,
};
pub use date::{days_in_month, Date, DateError};
pub use government::{Government, TurningPoint};
pub use recognition::{claimant_of, is_recognition_act, Claim, Claimant, Recognition};
pub use stance::{EventKind, Stance, Strength};
pub use standing::{settle, Change, Evidence, Standing};
pub use text::{body_start, texts_dir, ArticleText};
