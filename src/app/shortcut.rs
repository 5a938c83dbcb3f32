//! Keyboard shortcuts as values, independent of any GUI toolkit: the command table names
//! them, `ui/` maps them to egui keys, Help and the menus print them.

/// A key the app binds, independent of any GUI toolkit (`ui/` maps it to egui keys).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Key {
    O,
    Q,
    F,
    E,
    R,
    W,
    Plus,
    Minus,
    Num0,
    F1,
    ArrowLeft,
    T,
    N,
    Z,
    Delete,
    /// A digit key 1–9.
    Digit(u8),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Shortcut {
    pub ctrl: bool,
    pub shift: bool,
    pub alt: bool,
    pub key: Key,
}

impl Shortcut {
    pub(crate) const fn ctrl(key: Key) -> Self {
        Self {
            ctrl: true,
            shift: false,
            alt: false,
            key,
        }
    }

    pub(crate) const fn plain(key: Key) -> Self {
        Self {
            ctrl: false,
            shift: false,
            alt: false,
            key,
        }
    }

    pub(crate) const fn ctrl_shift(key: Key) -> Self {
        Self {
            ctrl: true,
            shift: true,
            alt: false,
            key,
        }
    }

    /// A plain key (no Ctrl/Alt): only taken while no text field has the keyboard.
    pub fn is_plain(&self) -> bool {
        !self.ctrl && !self.alt
    }

    pub(crate) const fn alt(key: Key) -> Self {
        Self {
            ctrl: false,
            shift: false,
            alt: true,
            key,
        }
    }

    /// How the shortcut is written in menus and the Help window.
    pub fn text(&self) -> String {
        let key = match self.key {
            Key::O => "O",
            Key::Q => "Q",
            Key::F => "F",
            Key::E => "E",
            Key::R => "R",
            Key::W => "W",
            Key::Plus => "+",
            Key::Minus => "-",
            Key::Num0 => "0",
            Key::F1 => "F1",
            Key::ArrowLeft => "←",
            Key::T => "T",
            Key::N => "N",
            Key::Z => "Z",
            Key::Delete => "Delete",
            Key::Digit(n) => return self.with_mods(&n.to_string()),
        };
        self.with_mods(key)
    }

    fn with_mods(&self, key: &str) -> String {
        let mut out = String::new();
        if self.ctrl {
            out.push_str("Ctrl+");
        }
        if self.alt {
            out.push_str("Alt+");
        }
        if self.shift {
            out.push_str("Shift+");
        }
        out.push_str(key);
        out
    }
}
