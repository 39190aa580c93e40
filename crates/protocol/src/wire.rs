//! The macro behind `event::EventBody`: one list of kinds makes the enum, its kind names, the wire
//! decoder and the server's `split`/`join`. Decoding reads `{"kind": ..., "payload": {...}}`
//! through one flat struct of optional fields: serde's derived adjacently-tagged decoder cost the
//! app about 12 KB of brotli wasm, this a fraction of that, with the same strictness.

/// `fields` names every payload field once with its type; each kind lists the fields it carries.
macro_rules! event_kinds {
    (
        fields { $($field:ident: $fty:ty),* $(,)? }
        $( $(#[$vmeta:meta])* $variant:ident = $name:literal { $($(#[$fmeta:meta])* $vf:ident: $vty:ty),* $(,)? } )*
    ) => {
        /// What happened, as `{"kind": ..., "payload": {...}}`.
        #[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
        #[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
        #[serde(tag = "kind", content = "payload", deny_unknown_fields)]
        pub enum EventBody {
            $( $(#[$vmeta])* #[serde(rename = $name)] $variant { $($(#[$fmeta])* $vf: $vty),* }, )*
        }

        /// The kind of an event without its payload: what the server's `kind` column holds.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum EventKind { $($variant),* }

        impl EventKind {
            /// Every kind, in declaration order.
            pub const ALL: &'static [EventKind] = &[$(EventKind::$variant),*];

            /// The wire name, e.g. `lesson_opened`.
            pub fn name(self) -> &'static str {
                match self { $(EventKind::$variant => $name),* }
            }

            /// The kind named `name`; `None` for a name this build does not know.
            pub fn from_name(name: &str) -> Option<EventKind> {
                match name { $($name => Some(EventKind::$variant),)* _ => None }
            }
        }

        impl EventBody {
            pub fn kind(&self) -> EventKind {
                match self { $(EventBody::$variant { .. } => EventKind::$variant),* }
            }

            /// A body of `kind` with placeholder values: lets tests cover every kind by iterating
            /// `EventKind::ALL`.
            #[doc(hidden)]
            pub fn example(kind: EventKind) -> EventBody {
                match kind { $(EventKind::$variant => EventBody::$variant { $($vf: $crate::wire::Example::example()),* }),* }
            }

            /// Builds the body of `kind` from the payload's fields; each kind takes its own and must
            /// leave none behind.
            fn from_fields<E: serde::de::Error>(kind: EventKind, mut f: Fields) -> Result<EventBody, E> {
                let k = kind.name();
                let body = match kind {
                    $(EventKind::$variant => EventBody::$variant { $($vf: $crate::wire::need(f.$vf.take(), k, stringify!($vf))?),* }),*
                };
                if $(f.$field.is_some())||* {
                    return Err(E::custom(format!("payload of `{k}` has a field that belongs to another kind")));
                }
                Ok(body)
            }
        }

        /// Every payload field of every kind.
        #[derive(Default, serde::Deserialize)]
        #[serde(default, deny_unknown_fields)]
        struct Fields { $($field: Option<$fty>),* }

        #[derive(serde::Deserialize)]
        #[serde(deny_unknown_fields)]
        struct Wire {
            kind: String,
            payload: Fields,
        }

        impl<'de> serde::Deserialize<'de> for EventBody {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let Wire { kind, payload } = Wire::deserialize(deserializer)?;
                EventBody::from_fields(EventKind::from_name(&kind).ok_or_else(|| $crate::wire::unknown(&kind))?, payload)
            }
        }

        impl EventBody {
            /// The body as the server stores it: the kind's name and the payload's JSON.
            pub fn split(&self) -> Result<(&'static str, String), serde_json::Error> {
                let mut json = serde_json::to_value(self)?;
                Ok((self.kind().name(), json["payload"].take().to_string()))
            }

            /// The body back from what `split` gave.
            pub fn join(kind: &str, payload: &str) -> Result<EventBody, serde_json::Error> {
                let kind = EventKind::from_name(kind).ok_or_else(|| $crate::wire::unknown(kind))?;
                EventBody::from_fields(kind, serde_json::from_str(payload)?)
            }
        }
    };
}

pub(crate) fn need<T, E: serde::de::Error>(value: Option<T>, kind: &str, field: &str) -> Result<T, E> {
    value.ok_or_else(|| E::custom(format!("payload of `{kind}` needs the field `{field}`")))
}

pub(crate) fn unknown<E: serde::de::Error>(kind: &str) -> E {
    E::custom(format!("unknown event kind `{kind}`"))
}

/// A placeholder value of a payload field's type, for `EventBody::example`.
pub trait Example {
    fn example() -> Self;
}

impl Example for String {
    fn example() -> Self {
        "x".into()
    }
}

impl Example for u32 {
    fn example() -> Self {
        3
    }
}

impl Example for Vec<u8> {
    fn example() -> Self {
        vec![0, 2]
    }
}

impl Example for Vec<String> {
    fn example() -> Self {
        vec!["x".into()]
    }
}

impl Example for crate::ids::EventId {
    fn example() -> Self {
        crate::ids::EventId::new_v7(5, [5; 10])
    }
}

#[cfg(test)]
mod tests {
    use crate::event::{EventBody, EventKind};
    use serde_json::json;

    fn read(value: serde_json::Value) -> Result<EventBody, String> {
        serde_json::from_value(value).map_err(|e| e.to_string())
    }

    /// Iterates the one list of kinds, so a kind added there is covered here without a new line.
    #[test]
    fn every_kind_round_trips_through_the_wire_and_the_servers_columns() {
        assert!(!EventKind::ALL.is_empty());
        for &kind in EventKind::ALL {
            let body = EventBody::example(kind);
            assert_eq!(body.kind(), kind);
            assert_eq!(EventKind::from_name(kind.name()), Some(kind));
            let json = serde_json::to_value(&body).expect("writes");
            assert_eq!(json["kind"], kind.name(), "the wire name is the kind's name");
            assert_eq!(read(json), Ok(body.clone()), "{kind:?} through the wire");
            let (name, payload) = body.split().expect("splits");
            assert_eq!(name, kind.name());
            assert_eq!(EventBody::join(name, &payload).expect("joins"), body, "{kind:?} through split/join");
        }
    }

    #[test]
    fn a_missing_field_an_extra_field_and_a_foreign_field_are_refused() {
        let missing = read(json!({"kind": "course_completed", "payload": {"course_id": "c"}}));
        assert!(missing.is_err_and(|e| e.contains("needs the field `jp`")));
        let unknown = read(json!({"kind": "course_completed", "payload": {"course_id": "c", "jp": 1, "bonus": 9}}));
        assert!(unknown.is_err_and(|e| e.contains("bonus")));
        let foreign = read(json!({"kind": "course_completed", "payload": {"course_id": "c", "jp": 1, "lesson_id": "l"}}));
        assert!(foreign.is_err_and(|e| e.contains("belongs to another kind")));
        let no_payload = read(json!({"kind": "course_completed"}));
        assert!(no_payload.is_err_and(|e| e.contains("payload")));
    }

    #[test]
    fn join_refuses_what_the_wire_refuses() {
        let foreign = EventBody::join("course_completed", r#"{"course_id":"c","jp":1,"lesson_id":"l"}"#);
        assert!(foreign.is_err_and(|e| e.to_string().contains("belongs to another kind")));
        let unknown = EventBody::join("teleported", "{}");
        assert!(unknown.is_err_and(|e| e.to_string().contains("teleported")));
    }
}
