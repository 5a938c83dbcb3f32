//! [`Progress`]: how far a job is, shared between the worker thread and the UI. Its own
//! module so that the work (`loaded`) and the job runner (`jobs`) both point down to it.

use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};

/// Progress of a job in thousandths, shared between the worker and the UI.
#[derive(Debug, Clone, Default)]
pub struct Progress(Arc<AtomicU32>);

impl Progress {
    pub fn set(&self, fraction: f32) {
        let permille = (fraction.clamp(0.0, 1.0) * 1000.0) as u32;
        self.0.store(permille, Ordering::Relaxed);
    }

    pub fn fraction(&self) -> f32 {
        self.0.load(Ordering::Relaxed) as f32 / 1000.0
    }
}
