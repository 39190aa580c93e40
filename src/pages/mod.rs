//! One file per route.

pub mod catalogue;
pub mod course;
pub mod home;
pub(crate) mod html;
mod labels;
pub mod lesson;
pub mod not_found;
mod pack;
mod plan_card;
pub mod quiz;
mod quiz_result;
