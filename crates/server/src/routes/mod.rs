//! The `/api` routes; their OpenAPI document is generated from the handlers.

mod account;
pub mod akpk_me;
mod akpk_needs;
pub mod akpk_review;
mod assignments;
mod auth;
pub mod certificates;
mod courses;
mod evidence;
mod internships;
mod idea_rounds;
mod idea_views;
mod ideas;
mod learning_log;
mod framework;
pub mod dashboard;
mod health;
mod import;
mod ledger;
mod openapi;
mod org;
mod partners;
mod prefetch;
mod siasn;
mod skm;
mod evaluation;
mod competency;
pub mod staff;
pub mod sync;
pub mod trainings;

use crate::AppState;
use crate::error::ApiError;
use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::extract::OriginalUri;
use axum::routing::any;
use tower_http::compression::{CompressionLayer, predicate::SizeAbove};
use utoipa::OpenApi;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

#[derive(OpenApi)]
#[openapi(info(title = "Lentera API", description = "Health, accounts, course packs and sync endpoints of the Lentera server."))]
struct ApiDoc;

/// Every route under `/api`, with JSON errors for unknown paths and methods.
pub fn api() -> Router<AppState> {
    let (router, doc) = documented().split_for_parts();
    router
        .merge(openapi::router(doc))
        .route("/api", any(not_found))
        .route("/api/{*rest}", any(not_found))
        .method_not_allowed_fallback(method_not_allowed)
        .layer(crate::decompress::RequestDecompressionLayer::new())
        .layer(axum::middleware::from_fn(crate::decompress::only_gzip))
        .layer(axum::middleware::from_fn(push_slots))
        .layer(DefaultBodyLimit::max(lentera_protocol::MAX_PUSH_BYTES))
        // JSON shrinks about tenfold under brotli (pulls: ~260 B/event raw); packs come precompressed.
        .layer(CompressionLayer::new().br(true).gzip(true).compress_when(SizeAbove::new(512)))
}

/// The generated OpenAPI document, for tests and tools.
pub fn openapi_doc() -> utoipa::openapi::OpenApi {
    documented().split_for_parts().1
}

/// Every documented route, listed once: the router and the document cannot drift apart.
fn documented() -> OpenApiRouter<AppState> {
    let api = OpenApiRouter::new().routes(routes!(health::health)).routes(routes!(sync::push))
        .routes(routes!(sync::pull))
        .routes(routes!(sync::my_progress))
        .routes(routes!(ledger::mine))
        .routes(routes!(akpk_me::mine))
        .routes(routes!(certificates::mine))
        .routes(routes!(certificates::keys))
        .routes(routes!(certificates::revoke))
        .routes(routes!(certificates::pdf))
        .routes(routes!(siasn::export))
        .routes(routes!(siasn::export_zip))
        .routes(routes!(courses::catalogue))
        .routes(routes!(courses::pack))
        .routes(routes!(auth::login))
        .routes(routes!(auth::me))
        .routes(routes!(auth::logout))
        .routes(routes!(auth::logout_all))
        .routes(routes!(auth::rotate))
        .routes(routes!(auth::activate))
        .routes(routes!(account::change_password))
        .routes(routes!(account::reset))
        .routes(routes!(account::audit))
        .routes(routes!(sync::storage))
        .routes(routes!(prefetch::mine))
        .routes(routes!(prefetch::held))
        .routes(routes!(org::units, org::create_unit))
        .routes(routes!(org::update_unit))
        .routes(routes!(import::preview))
        .routes(routes!(import::import))
        .routes(routes!(dashboard::dashboard))
        .routes(routes!(dashboard::dashboard_csv))
        .routes(routes!(competency::competency))
        .routes(routes!(competency::competency_csv))
        .routes(routes!(framework::framework))
        .routes(routes!(framework::update_competency))
        .routes(routes!(framework::import_requirements))
        .routes(routes!(framework::requirements_csv))
        .routes(routes!(staff::person))
        .routes(routes!(staff::ledger_csv))
        .routes(routes!(assignments::create, assignments::list))
        .routes(routes!(assignments::mine))
        .routes(routes!(assignments::delete))
        .routes(routes!(assignments::stop_standing))
        .routes(routes!(akpk_review::staff))
        .routes(routes!(akpk_review::assess))
        .routes(routes!(akpk_review::validate))
        .routes(routes!(akpk_review::send_back))
        .routes(routes!(akpk_needs::needs))
        .routes(routes!(akpk_needs::needs_csv_route))
        .routes(routes!(partners::list, partners::create))
        .routes(routes!(partners::update))
        .routes(routes!(trainings::list, trainings::create))
        .routes(routes!(trainings::mine))
        .routes(routes!(trainings::update))
        .routes(routes!(trainings::roster))
        .routes(routes!(trainings::attendance))
        .routes(routes!(trainings::code))
        .routes(routes!(trainings::calendar))
        .routes(routes!(evidence::put, evidence::get))
        .routes(routes!(learning_log::mine))
        .routes(routes!(learning_log::staff))
        .routes(routes!(learning_log::review))
        .routes(routes!(learning_log::confirm))
        .routes(routes!(learning_log::send_back))
        .routes(routes!(internships::list, internships::create))
        .routes(routes!(internships::mine))
        .routes(routes!(skm::list))
        .routes(routes!(skm::list_csv))
        .routes(routes!(skm::record, skm::remove))
        .routes(routes!(skm::import))
        .routes(routes!(evaluation::mine))
        .routes(routes!(evaluation::list))
        .routes(routes!(evaluation::list_csv))
        .routes(routes!(evaluation::detail))
        .routes(routes!(evaluation::followups))
        .routes(routes!(evaluation::follow_up))
        .routes(routes!(ideas::rounds))
        .routes(routes!(ideas::mine))
        .routes(routes!(ideas::review))
        .routes(routes!(ideas::endorse))
        .routes(routes!(ideas::send_back))
        .routes(routes!(ideas::judging))
        .routes(routes!(ideas::score))
        .routes(routes!(idea_rounds::list))
        .routes(routes!(idea_rounds::create))
        .routes(routes!(idea_rounds::update))
        .routes(routes!(idea_rounds::results))
        .routes(routes!(idea_rounds::publish))
        .routes(routes!(idea_rounds::proposal));
    OpenApiRouter::with_openapi(ApiDoc::openapi()).nest("/api", api)
}

/// Pushes read and stored at once; more wait their turn before their body is read, so memory stays
/// flat when a thousand phones find a signal together (SQLite writes one batch at a time anyway).
const PUSH_SLOTS: usize = 32;

async fn push_slots(request: axum::extract::Request, next: axum::middleware::Next) -> axum::response::Response {
    static SLOTS: tokio::sync::Semaphore = tokio::sync::Semaphore::const_new(PUSH_SLOTS);
    if request.uri().path() != lentera_protocol::PUSH_PATH {
        return next.run(request).await;
    }
    let _slot = SLOTS.acquire().await;
    next.run(request).await
}

async fn not_found(OriginalUri(uri): OriginalUri) -> ApiError {
    ApiError::NotFound(uri.path().to_owned())
}

async fn method_not_allowed() -> ApiError {
    ApiError::MethodNotAllowed
}
