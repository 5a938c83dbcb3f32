//! The visible stretch of the date axis, zooming and panning it, and its ticks: centuries →
//! decades → years → months → days as one zooms in.

use super::interval::{Interval, date_at, position};

/// The narrowest view: a few days.
pub const MIN_SPAN: f64 = 3.0 / 365.0;
/// The widest view: three thousand years.
pub const MAX_SPAN: f64 = 3000.0;
/// Pixels wanted between two labelled ticks.
const TICK_SPACING: f64 = 70.0;

/// The visible stretch of time, in fractional years.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Viewport {
    pub start: f64,
    pub end: f64,
}

/// What the ticks count at the current zoom.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TickUnit {
    Centuries,
    Decades,
    Years,
    Months,
    Days,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Tick {
    pub pos: f64,
    pub label: String,
    /// A tick of the next unit up (a year among months): drawn longer.
    pub major: bool,
}

impl Default for Viewport {
    fn default() -> Self {
        Self {
            start: 1990.0,
            end: 2030.0,
        }
    }
}

impl Viewport {
    pub fn span(self) -> f64 {
        self.end - self.start
    }

    /// Zoom by `factor` (> 1 zooms in) keeping `anchor` (a fractional year, usually under the
    /// pointer) where it is on the screen.
    #[must_use]
    pub fn zoomed(self, anchor: f64, factor: f64) -> Self {
        if !(factor.is_finite() && factor > 0.0) {
            return self;
        }
        let span = (self.span() / factor).clamp(MIN_SPAN, MAX_SPAN);
        let share = if self.span() > 0.0 {
            ((anchor - self.start) / self.span()).clamp(0.0, 1.0)
        } else {
            0.5
        };
        let start = anchor - share * span;
        Self {
            start,
            end: start + span,
        }
    }

    /// Move by `years` (positive: later).
    #[must_use]
    pub fn panned(self, years: f64) -> Self {
        Self {
            start: self.start + years,
            end: self.end + years,
        }
    }

    /// The view that shows every interval, with a margin; the default when there is none.
    pub fn fit(intervals: impl IntoIterator<Item = Interval>) -> Self {
        let (lo, hi) = intervals
            .into_iter()
            .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), iv| {
                (lo.min(iv.start), hi.max(iv.end))
            });
        if !(lo.is_finite() && hi.is_finite()) {
            return Self::default();
        }
        let span = (hi - lo).max(MIN_SPAN * 4.0);
        let margin = span * 0.05;
        let mid = (lo + hi) / 2.0;
        let half = (span / 2.0 + margin).min(MAX_SPAN / 2.0);
        Self {
            start: mid - half,
            end: mid + half,
        }
    }

    /// Screen x (from the axis' left edge) of a fractional year.
    pub fn x(self, pos: f64, width: f64) -> f64 {
        (pos - self.start) / self.span() * width
    }

    /// The fractional year at screen x.
    pub fn pos(self, x: f64, width: f64) -> f64 {
        self.start + x / width.max(1.0) * self.span()
    }

    /// The unit the ticks count in at this zoom on an axis `width` pixels wide.
    pub fn tick_unit(self, width: f64) -> TickUnit {
        let years_per_label = self.span() / (width / TICK_SPACING).max(1.0);
        if years_per_label > 60.0 {
            TickUnit::Centuries
        } else if years_per_label > 4.0 {
            TickUnit::Decades
        } else if years_per_label > 0.4 {
            TickUnit::Years
        } else if years_per_label > 10.0 / 365.0 {
            TickUnit::Months
        } else {
            TickUnit::Days
        }
    }

    /// The ticks inside the view.
    pub fn ticks(self, width: f64) -> Vec<Tick> {
        let unit = self.tick_unit(width);
        let years_per_label = self.span() / (width / TICK_SPACING).max(1.0);
        let mut out = Vec::new();
        let first = self.start.floor() as i32;
        let last = self.end.ceil() as i32;
        match unit {
            TickUnit::Centuries | TickUnit::Decades | TickUnit::Years => {
                let step = nice_step(years_per_label);
                let major_every = match unit {
                    TickUnit::Centuries => 1000,
                    TickUnit::Decades => 100,
                    TickUnit::Years | TickUnit::Months | TickUnit::Days => 10,
                };
                let mut y = first.div_euclid(step) * step;
                while y <= last {
                    let pos = f64::from(y);
                    if pos >= self.start && pos <= self.end {
                        out.push(Tick {
                            pos,
                            label: year_label(y, unit),
                            major: y % major_every == 0,
                        });
                    }
                    y += step;
                }
            }
            TickUnit::Months => {
                let step = if years_per_label > 2.5 / 12.0 {
                    3
                } else if years_per_label > 1.2 / 12.0 {
                    2
                } else {
                    1
                };
                for y in first..=last {
                    for m in (1..=12u8).step_by(step) {
                        let pos = position(y, m, 1);
                        if pos >= self.start && pos <= self.end {
                            out.push(Tick {
                                pos,
                                label: if m == 1 {
                                    format!("{y}")
                                } else {
                                    format!("{y}-{m:02}")
                                },
                                major: m == 1,
                            });
                        }
                    }
                }
            }
            TickUnit::Days => {
                let days = (years_per_label * 365.0).ceil().max(1.0);
                let step = [1.0, 2.0, 5.0, 7.0, 10.0, 15.0]
                    .into_iter()
                    .find(|s| *s >= days)
                    .unwrap_or(15.0) as u8;
                let mut pos = self.start;
                while pos <= self.end {
                    let d = date_at(pos);
                    let (month, day) = (d.month.unwrap_or(1), d.day.unwrap_or(1));
                    let p = position(d.year, month, day);
                    if p >= self.start && (day == 1 || (day - 1) % step == 0) && day < 30 {
                        out.push(Tick {
                            pos: p,
                            label: format!("{}-{month:02}-{day:02}", d.year),
                            major: day == 1,
                        });
                    }
                    pos = p + 1.0 / 365.0 + 1e-9;
                }
            }
        }
        out
    }
}

/// A round number of years (1, 2, 5, 10, 20, 50, …) at least `years`.
fn nice_step(years: f64) -> i32 {
    let mut step = 1i32;
    loop {
        for m in [1, 2, 5] {
            let s = step.saturating_mul(m);
            if f64::from(s) >= years {
                return s;
            }
        }
        if step > 1_000_000 {
            return step;
        }
        step = step.saturating_mul(10);
    }
}

fn year_label(y: i32, unit: TickUnit) -> String {
    match unit {
        TickUnit::Decades if y % 10 == 0 => format!("{y}s"),
        _ => format!("{y}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zoom_keeps_the_anchor_in_place() {
        let v = Viewport {
            start: 2000.0,
            end: 2020.0,
        };
        let z = v.zoomed(2005.0, 2.0);
        assert!((z.span() - 10.0).abs() < 1e-9);
        assert!((z.x(2005.0, 800.0) - v.x(2005.0, 800.0)).abs() < 1e-6);
        let back = z.zoomed(2005.0, 0.5);
        assert!((back.start - v.start).abs() < 1e-9 && (back.end - v.end).abs() < 1e-9);
    }

    #[test]
    fn zoom_stops_at_days_and_millennia() {
        let v = Viewport::default();
        assert!((v.zoomed(2000.0, 1e9).span() - MIN_SPAN).abs() < 1e-12);
        assert!((v.zoomed(2000.0, 1e-9).span() - MAX_SPAN).abs() < 1e-9);
    }

    #[test]
    fn ticks_go_from_centuries_to_days() {
        let width = 800.0;
        let mut v = Viewport {
            start: 1000.0,
            end: 2100.0,
        };
        let mut units = vec![v.tick_unit(width)];
        while v.span() > MIN_SPAN * 1.01 {
            v = v.zoomed(2023.4, 2.0);
            let u = v.tick_unit(width);
            if units.last() != Some(&u) {
                units.push(u);
            }
            let ticks = v.ticks(width);
            assert!(!ticks.is_empty(), "no ticks at {v:?}");
            assert!(ticks.len() < 40, "{} ticks at {v:?}", ticks.len());
            assert!(ticks.windows(2).all(|w| w[0].pos < w[1].pos));
        }
        assert_eq!(
            units,
            [
                TickUnit::Centuries,
                TickUnit::Decades,
                TickUnit::Years,
                TickUnit::Months,
                TickUnit::Days
            ]
        );
    }

    #[test]
    fn fit_shows_every_interval() {
        let v = Viewport::fit([
            Interval {
                start: 1983.0,
                end: 1986.0,
            },
            Interval {
                start: 2023.3,
                end: 2023.4,
            },
        ]);
        assert!(v.start < 1983.0 && v.end > 2023.4 && v.span() < 50.0);
        assert_eq!(Viewport::fit([]), Viewport::default());
    }
}
