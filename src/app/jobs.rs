//! Background work on named threads: loading and analysing documents, waiting for the file
//! dialog. The UI never blocks; finished jobs come back as [`JobOutput`] values.

use std::path::PathBuf;
use std::sync::mpsc::{Receiver, Sender, channel};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use super::DocumentId;
use super::loaded::LoadedDocument;
pub use super::progress::Progress;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct JobId(u64);

/// A loaded document and its annotations, opened in the same job.
#[derive(Debug)]
pub struct LoadedWithAnnotations {
    pub loaded: Arc<LoadedDocument>,
    pub annotations: crate::storage::Opened,
}

/// What a finished job hands back.
#[derive(Debug)]
pub enum JobOutput {
    Loaded {
        path: PathBuf,
        /// The open document this replaces (a reload), if any.
        replaces: Option<DocumentId>,
        /// Block to scroll to once shown (restored sessions).
        top_block: usize,
        /// Position among the documents being opened, to keep their columns in order.
        order: u64,
        result: Result<Box<LoadedWithAnnotations>, String>,
    },
    /// A page image rendered and decoded (or why not).
    PageImage {
        doc: super::DocumentId,
        page: u32,
        result: Result<std::sync::Arc<super::pages::PageImage>, String>,
    },
    /// The file dialog closed. `None` with a short `waited` means no dialog exists here.
    PickedFiles {
        paths: Option<Vec<PathBuf>>,
        waited: Duration,
    },
    /// A library was opened and brought up to date (or why not).
    LibraryIndexed {
        root: PathBuf,
        result: Result<Box<super::state::LibraryLoaded>, String>,
    },
    /// A search over the library finished.
    LibrarySearched {
        query: String,
        mode: crate::nlp::search::SearchMode,
        result: Result<Vec<crate::nlp::search::SearchHit>, String>,
    },
    /// The events of the merged timeline of these documents.
    TimelineEvents {
        key: super::state::TimelineKey,
        tags: Vec<crate::extract::timeline::EventTag>,
    },
    /// A timeline picture was written (or why not).
    PictureSaved {
        path: PathBuf,
        result: Result<(), String>,
    },
    /// The save dialog closed (export); `None` with a short `waited`: no dialog exists here.
    PickedSavePath {
        path: Option<PathBuf>,
        waited: Duration,
    },
}

#[derive(Debug, Clone)]
pub struct RunningJob {
    pub id: JobId,
    pub label: String,
    pub progress: Progress,
}

type Waker = Arc<dyn Fn() + Send + Sync>;

/// Owner of every background thread.
pub struct Jobs {
    tx: Sender<(JobId, JobOutput)>,
    rx: Receiver<(JobId, JobOutput)>,
    running: Vec<RunningJob>,
    next: u64,
    waker: Arc<Mutex<Option<Waker>>>,
}

impl Default for Jobs {
    fn default() -> Self {
        let (tx, rx) = channel();
        Self {
            tx,
            rx,
            running: Vec::new(),
            next: 0,
            waker: Arc::default(),
        }
    }
}

impl Jobs {
    /// Called by a worker when it finishes, so the UI wakes up to collect the result.
    pub fn set_waker(&mut self, waker: impl Fn() + Send + Sync + 'static) {
        if let Ok(mut slot) = self.waker.lock() {
            *slot = Some(Arc::new(waker));
        }
    }

    pub fn running(&self) -> &[RunningJob] {
        &self.running
    }

    pub fn is_idle(&self) -> bool {
        self.running.is_empty()
    }

    /// Run `work` on a new thread named `pangzhu-<kind>`.
    pub fn spawn(
        &mut self,
        kind: &str,
        label: String,
        work: impl FnOnce(&Progress) -> JobOutput + Send + 'static,
    ) {
        self.next += 1;
        let id = JobId(self.next);
        let progress = Progress::default();
        let job = RunningJob {
            id,
            label,
            progress: progress.clone(),
        };
        let tx = self.tx.clone();
        let waker = Arc::clone(&self.waker);
        let spawned = std::thread::Builder::new()
            .name(format!("pangzhu-{kind}"))
            .spawn(move || {
                let output = work(&progress);
                // The receiver is gone only when the app is closing; nothing to report then.
                let _ = tx.send((id, output));
                if let Ok(slot) = waker.lock()
                    && let Some(wake) = slot.as_ref()
                {
                    wake();
                }
            });
        if spawned.is_ok() {
            self.running.push(job);
        }
    }

    /// Finished jobs since the last call, oldest first.
    pub fn finished(&mut self) -> Vec<JobOutput> {
        let mut out = Vec::new();
        while let Ok((id, output)) = self.rx.try_recv() {
            self.running.retain(|j| j.id != id);
            out.push(output);
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn job_runs_on_a_named_thread_and_reports_back() {
        let mut jobs = Jobs::default();
        jobs.spawn("test", "t".into(), |p| {
            p.set(0.5);
            let name = std::thread::current().name().map(str::to_owned);
            JobOutput::PickedFiles {
                paths: name.map(|n| vec![PathBuf::from(n)]),
                waited: Duration::ZERO,
            }
        });
        assert_eq!(jobs.running().len(), 1);
        let mut done = Vec::new();
        for _ in 0..500 {
            done = jobs.finished();
            if !done.is_empty() {
                break;
            }
            std::thread::sleep(Duration::from_millis(5));
        }
        assert!(jobs.is_idle());
        match done.first() {
            Some(JobOutput::PickedFiles { paths: Some(p), .. }) => {
                assert_eq!(p, &vec![PathBuf::from("pangzhu-test")]);
            }
            other => panic!("unexpected {other:?}"),
        }
    }
}
