//! The browser machinery the learner app and the console share; their texts and pages stay theirs.

pub mod i18n;
pub mod route;
