//! A view as the console has it: still loading, ready, or failed with the error to show.

#[derive(Clone, Debug, Default, PartialEq)]
pub enum Loaded<V> {
    #[default]
    Loading,
    Ready(V),
    Failed(String),
}

impl<V> Loaded<V> {
    pub fn from_result(r: Result<V, String>) -> Loaded<V> {
        match r {
            Ok(v) => Loaded::Ready(v),
            Err(e) => Loaded::Failed(e),
        }
    }

    pub fn ready(&self) -> Option<&V> {
        match self {
            Loaded::Ready(v) => Some(v),
            _ => None,
        }
    }

    pub fn ready_mut(&mut self) -> Option<&mut V> {
        match self {
            Loaded::Ready(v) => Some(v),
            _ => None,
        }
    }

    pub fn error(&self) -> Option<&str> {
        match self {
            Loaded::Failed(e) => Some(e),
            _ => None,
        }
    }
}

impl<V: Default + Clone> Loaded<V> {
    /// The view, or an empty one while loading or failed.
    pub fn or_empty(&self) -> V {
        self.ready().cloned().unwrap_or_default()
    }
}
