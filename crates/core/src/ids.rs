//! Typed identifiers. Every entity is keyed by a random UUID so that workshops prepared on two
//! laptops can later be merged without renumbering; the newtypes keep a table id from being
//! passed where a participant id is expected.

use serde::{Deserialize, Serialize};
use ts_rs::TS;
use uuid::Uuid;

macro_rules! id_type {
    ($($(#[$doc:meta])* $name:ident;)*) => {$(
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
        #[serde(transparent)]
        pub struct $name(pub Uuid);

        impl $name {
            /// A fresh random identifier.
            pub fn new() -> Self {
                Self(Uuid::new_v4())
            }
        }

        impl From<Uuid> for $name {
            fn from(uuid: Uuid) -> Self {
                Self(uuid)
            }
        }

        impl Default for $name {
            fn default() -> Self {
                Self::new()
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                self.0.fmt(f)
            }
        }

        impl std::str::FromStr for $name {
            type Err = uuid::Error;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                Uuid::parse_str(s).map(Self)
            }
        }
    )*};
}

id_type! {
    /// Identifies a [`crate::Process`].
    ProcessId;
    /// Identifies a [`crate::Workshop`].
    WorkshopId;
    /// Identifies a [`crate::CafeTable`].
    TableId;
    /// Identifies a [`crate::Round`].
    RoundId;
    /// Identifies a [`crate::Participant`].
    ParticipantId;
    /// Identifies a [`crate::Note`].
    NoteId;
    /// Identifies an [`crate::Attachment`].
    AttachmentId;
    /// Identifies a [`crate::Statement`].
    StatementId;
    /// Identifies a [`crate::FieldOfAction`].
    FieldOfActionId;
    /// Names one person across the lists of a process's workshops, where someone chose by hand
    /// which entries are that person (`crate::participation`).
    PersonId;
}
