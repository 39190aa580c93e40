//! One module per console page.

pub mod activate;
pub mod akpk_review;
pub mod assign;
pub mod audit;
pub mod competency;
pub mod dashboard;
pub mod framework;
pub mod idea_proposal;
pub mod idea_rounds;
pub mod ideas;
pub mod import;
pub mod internships;
pub mod learning_log;
pub mod login;
pub mod needs;
pub mod partners;
pub mod password;
pub mod person;
pub mod skm;
pub mod evaluation;
pub mod standing;
pub mod trainings;
pub mod trainings_form;
pub mod trainings_host;
pub mod units;
