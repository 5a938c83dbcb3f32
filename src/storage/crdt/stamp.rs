//! [`Stamp`]: when and by which device a value was written — the order of last-writer-wins.
//!
//! Written as one string, `2026-12-07T11:20:00.123Z alice` (UTC, milliseconds, the device
//! name), so files stay readable. Stamps order by time, then device name: two devices that
//! write in the same millisecond are still ordered the same way everywhere.
//!
//! Device clocks differ, so a new stamp is never older than the one it replaces
//! ([`Clock::after`]): an edit made after seeing another one wins over it whatever the clocks
//! say (a hybrid logical clock in its simplest form).

use std::cell::RefCell;
use std::cmp::Ordering;
use std::fmt;
use std::sync::Arc;

use super::fast_time;

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

/// A point in time (milliseconds since the Unix epoch) and the device that wrote at it.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Stamp {
    pub ms: i64,
    /// Shared: a file holds tens of thousands of stamps by a handful of devices.
    pub device: Arc<str>,
}

impl Ord for Stamp {
    fn cmp(&self, other: &Self) -> Ordering {
        (self.ms, &self.device).cmp(&(other.ms, &other.device))
    }
}

impl PartialOrd for Stamp {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Stamp {
    pub fn new(ms: i64, device: &str) -> Self {
        Self {
            ms,
            device: interned(device),
        }
    }

    /// A stamp from an RFC 3339 time (a stamp's own, or the `modified` of a file without
    /// stamps), for `device`.
    pub fn from_rfc3339(text: &str, device: &str) -> Option<Self> {
        let ms = match fast_time::parse(text) {
            Some(ms) => ms,
            None => {
                let at = OffsetDateTime::parse(text, &Rfc3339).ok()?;
                i64::try_from(at.unix_timestamp_nanos() / 1_000_000).ok()?
            }
        };
        Some(Self::new(ms, device))
    }

    /// The time as RFC 3339 with milliseconds (`2026-12-07T11:20:00.123Z`).
    pub fn time_text(&self) -> String {
        fast_time::format(self.ms)
    }
}

impl fmt::Display for Stamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.time_text(), self.device)
    }
}

impl From<Stamp> for String {
    fn from(stamp: Stamp) -> Self {
        stamp.to_string()
    }
}

/// As its text (written by hand rather than `serde(into)`, which would clone the stamp first).
impl Serialize for Stamp {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.to_string())
    }
}

impl TryFrom<String> for Stamp {
    type Error = String;

    fn try_from(text: String) -> Result<Self, Self::Error> {
        Self::parse(&text)
    }
}

impl Stamp {
    /// `TIME DEVICE`, as [`fmt::Display`] writes it.
    pub fn parse(text: &str) -> Result<Self, String> {
        let (time, device) = text
            .split_once(' ')
            .ok_or_else(|| format!("stamp {text:?} is not `TIME DEVICE`"))?;
        Self::from_rfc3339(time, device).ok_or_else(|| format!("stamp {text:?}: bad time"))
    }
}

/// From its text, borrowed where the reader can (no string allocated per stamp).
impl<'de> Deserialize<'de> for Stamp {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Text;
        impl serde::de::Visitor<'_> for Text {
            type Value = Stamp;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a stamp `TIME DEVICE`")
            }

            fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<Stamp, E> {
                Stamp::parse(text).map_err(E::custom)
            }
        }
        deserializer.deserialize_str(Text)
    }
}

/// The same `Arc` for the same name as the last few stamps read on this thread: a load
/// allocates one name per device, not one per stamp.
fn interned(device: &str) -> Arc<str> {
    const KEEP: usize = 8;
    thread_local! {
        static NAMES: RefCell<Vec<Arc<str>>> = const { RefCell::new(Vec::new()) };
    }
    NAMES.with_borrow_mut(|names| {
        if let Some(name) = names.iter().find(|n| &***n == device) {
            return name.clone();
        }
        let name: Arc<str> = Arc::from(device);
        if names.len() == KEEP {
            names.remove(0);
        }
        names.push(name.clone());
        name
    })
}

/// Makes this device's stamps: its name and the time now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Clock {
    pub device: String,
    pub now_ms: i64,
}

impl Clock {
    /// This device, now (wall clock).
    pub fn now(device: &str) -> Self {
        let nanos = OffsetDateTime::now_utc().unix_timestamp_nanos();
        Self {
            device: device.to_owned(),
            now_ms: i64::try_from(nanos / 1_000_000).unwrap_or(i64::MAX),
        }
    }

    /// The clock of changes the app makes by itself (re-anchoring after the document
    /// changed): each is stamped just after the value it replaces, so an edit a person made
    /// since, on any device, wins over it.
    pub fn settled(device: &str) -> Self {
        Self {
            device: device.to_owned(),
            now_ms: i64::MIN,
        }
    }

    /// A stamp later than every one of `seen` (the values it replaces), and not before now.
    pub fn after<'a>(&self, seen: impl IntoIterator<Item = &'a Stamp>) -> Stamp {
        let floor = seen.into_iter().map(|s| s.ms.saturating_add(1)).max();
        Stamp::new(
            floor.map_or(self.now_ms, |f| f.max(self.now_ms)),
            &self.device,
        )
    }
}

/// A last-writer-wins register: the value with the later stamp wins.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Lww<T> {
    pub at: Stamp,
    pub value: T,
}

impl<T: Clone + fmt::Debug> Lww<T> {
    pub fn new(at: Stamp, value: T) -> Self {
        Self { at, value }
    }

    /// The winner of two registers. Equal stamps with different values (two devices given the
    /// same name) are ordered by the values' text, so every device picks the same one.
    pub fn join(a: &Self, b: &Self) -> Self {
        let b_wins = match a.at.cmp(&b.at) {
            Ordering::Less => true,
            Ordering::Greater => false,
            Ordering::Equal => format!("{:?}", b.value) > format!("{:?}", a.value),
        };
        if b_wins { b.clone() } else { a.clone() }
    }
}

/// [`Lww::join`] over optional registers (`None`: nothing known).
pub fn join_opt<T: Clone + fmt::Debug>(a: &Option<Lww<T>>, b: &Option<Lww<T>>) -> Option<Lww<T>> {
    match (a, b) {
        (Some(a), Some(b)) => Some(Lww::join(a, b)),
        (Some(x), None) | (None, Some(x)) => Some(x.clone()),
        (None, None) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stamps_round_trip_as_text_and_order_by_time_then_device() {
        let s = Stamp::new(1_796_642_400_123, "alice");
        let text = String::from(s.clone());
        assert_eq!(text, "2026-12-07T11:20:00.123Z alice");
        assert_eq!(Stamp::try_from(text), Ok(s.clone()));
        assert!(Stamp::new(s.ms, "bob") > s);
        assert!(Stamp::new(s.ms + 1, "aaron") > Stamp::new(s.ms, "bob"));
        assert!(Stamp::try_from("2026-12-07".to_owned()).is_err());
    }

    #[test]
    fn a_new_stamp_beats_what_it_replaces_even_with_a_slow_clock() {
        let slow = Clock {
            device: "bob".into(),
            now_ms: 1_000,
        };
        let future = Stamp::new(5_000, "alice");
        let next = slow.after([&future]);
        assert!(next > future);
        assert_eq!(&*next.device, "bob");
        assert_eq!(slow.after([]).ms, 1_000);
        let settled = Clock::settled("bob").after([&future]);
        assert_eq!(settled.ms, 5_001, "just after what it replaces");
    }

    #[test]
    fn ties_pick_the_same_value_in_either_order() {
        let a = Lww::new(Stamp::new(1, "x"), "one".to_owned());
        let b = Lww::new(Stamp::new(1, "x"), "two".to_owned());
        assert_eq!(Lww::join(&a, &b), Lww::join(&b, &a));
    }
}
