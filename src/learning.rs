//! The learner's progress on this device: the fold of every event, kept current as events are recorded.

use crate::app::Services;
use crate::device::new_event;
use crate::store::{Store, StoreError};
use crate::sync::SyncStatus;
use leptos::prelude::*;
use lentera_protocol::{Event, EventBody, Progress};

#[derive(Clone, Copy)]
pub struct Learning {
    pub progress: RwSignal<Progress>,
    /// False until the event log has been read once, so pages never flash an empty state.
    pub ready: RwSignal<bool>,
    status: SyncStatus,
}

impl Learning {
    pub fn provide(status: SyncStatus) -> Learning {
        let learning = Learning { progress: RwSignal::new(Progress::default()), ready: RwSignal::new(false), status };
        provide_context(learning);
        learning
    }

    pub async fn load(&self, store: &Store) -> Result<(), StoreError> {
        let events = store.events().await?;
        self.progress.set(Progress::fold(&events));
        self.ready.set(true);
        Ok(())
    }

    /// Saves events together (all or none), then shows them and starts a sync.
    pub async fn record(&self, services: &Services, bodies: Vec<EventBody>) -> Result<Vec<Event>, StoreError> {
        let events: Vec<Event> = bodies.into_iter().map(|body| new_event(services.device_id, body)).collect();
        services.store.append_all(&events).await?;
        self.progress.update(|p| events.iter().for_each(|e| p.apply(e)));
        self.status.pending.update(|n| *n += events.len() as u32);
        self.status.request_soon(services.store.clone(), services.device_id);
        Ok(events)
    }
}

pub fn use_learning() -> Learning {
    use_context::<Learning>().unwrap_or_else(|| Learning::provide(SyncStatus::provide(crate::account::use_account())))
}
