//! The notification list: messages the app shows until the user dismisses them.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Severity {
    Info,
    Error,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notification {
    pub severity: Severity,
    pub text: String,
}

#[derive(Debug, Default)]
pub struct Notices {
    list: Vec<Notification>,
}

impl Notices {
    pub fn push(&mut self, severity: Severity, text: impl Into<String>) {
        self.list.push(Notification {
            severity,
            text: text.into(),
        });
    }

    pub fn list(&self) -> &[Notification] {
        &self.list
    }

    /// `Command::DismissNotification`: an index past the end (a stale click) does nothing.
    pub fn dismiss(&mut self, i: usize) {
        if i < self.list.len() {
            self.list.remove(i);
        }
    }
}
