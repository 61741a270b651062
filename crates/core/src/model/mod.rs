//! The entities of a World Café and how they relate. Inputs (`…Input`, `New…`) are what a user
//! may change; the full types add identity and timestamps that only the store assigns.

mod harvest;
mod participant;
mod workshop;

pub use harvest::*;
pub use participant::*;
pub use workshop::*;
