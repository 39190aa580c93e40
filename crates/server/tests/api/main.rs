//! The server's API tests, one binary: each module starts its own server on a free port and a
//! fresh database, so they run side by side; one binary links once and keeps `target/` small.

// A helper that cannot set up its server or parse an answer should stop the test with its reason.
#![allow(clippy::expect_used, clippy::unwrap_used)]

mod common;

mod accounts;
mod api_errors;
mod auth;
mod backup;
mod authorization;
mod akpk_me;
mod akpk_review;
mod akpk_needs;
mod content_check;
mod certificates;
mod competency;
mod credit;
mod courses_api;
mod dashboard;
mod evaluation;
mod framework;
mod health_openapi;
mod ideas;
mod import_csv;
mod jp_rules;
mod learner_credits;
mod learning_log;
mod login_throttle;
mod pack_cache;
mod prefetch;
mod pretest;
mod siasn;
mod skm;
mod size_limits;
mod slow_clients;
mod static_app;
mod sync_gzip;
mod sync_push;
mod session_families;
mod sync_sessions;
mod trainings;
mod unit_assignments;
