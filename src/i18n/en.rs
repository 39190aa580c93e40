//! English, the second language.

use super::Key;

pub fn text(key: Key) -> &'static str {
    match key {
        Key::Tagline => "Learn any time, even when the signal is gone.",
        Key::IntroTitle => "Welcome to Lentera",
        Key::IntroBody => "Lentera is a learning space for civil servants (ASN), made for simple phones and a signal that comes and goes.",
        Key::IntroJp => "Every civil servant must complete at least 20 learning hours (JP) of competency development a year (PP 11/2017 as amended by PP 17/2020). Lentera keeps count of your JP.",
        Key::IntroOffline => "Downloaded courses open without a signal. Every answer and every step is saved on this phone at once.",
        Key::IntroSync => "When the signal returns, your progress is sent to the server by itself, so your supervisor can see it.",
        Key::IntroStart => "I understand, let's start",
        Key::StartedTitle => "You are ready to learn",
        Key::StartedBody => "The course catalogue will appear here. Your progress is kept on this phone and sent when online.",
        Key::Online => "Online",
        Key::Offline => "Offline",
        Key::OfflineHint => "No signal. You can keep learning; changes are sent later.",
        Key::Pending => "{n} changes waiting to sync",
        Key::AllSynced => "All changes are synced",
        Key::LastSynced => "Synced",
        Key::NeverSynced => "Never synced yet",
        Key::SyncNow => "Sync now",
        Key::Syncing => "Syncing…",
        Key::SyncFailed => "Sync failed",
        Key::UpdateAvailable => "A new version of Lentera is available.",
        Key::Reload => "Reload",
        Key::SwitchLanguage => "Bahasa Indonesia",
        Key::StorageFull => "Storage is full: delete another course download",
        Key::StorageUnavailable => "This browser does not allow offline storage. Open Lentera in regular Chrome, not incognito.",
        Key::StorageError => "Saving on this phone failed. Reload the page; what was already saved is not lost.",
        Key::JustNow => "just now",
        Key::MinutesAgo => "{n} minutes ago",
        Key::HoursAgo => "{n} hours ago",
        Key::DaysAgo => "{n} days ago",
    }
}
