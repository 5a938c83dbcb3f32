//! Everything the user can do, as values. Each command carries its label, tooltip and shortcut,
//! so menus, key handling and the Help window are generated from one table.

use std::path::PathBuf;

use super::DocumentId;
use super::i18n::Language;
use super::jobs::JobOutput;
use super::settings::{ReadingFont, SideTab, ThemeChoice};

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
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Shortcut {
    pub ctrl: bool,
    pub shift: bool,
    pub alt: bool,
    pub key: Key,
}

impl Shortcut {
    const fn ctrl(key: Key) -> Self {
        Self {
            ctrl: true,
            shift: false,
            alt: false,
            key,
        }
    }

    const fn plain(key: Key) -> Self {
        Self {
            ctrl: false,
            shift: false,
            alt: false,
            key,
        }
    }

    const fn alt(key: Key) -> Self {
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
        };
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

/// Where in a document: a byte offset of its cleaned text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Location {
    pub doc: DocumentId,
    pub offset: usize,
}

#[derive(Debug, Clone)]
pub enum Command {
    /// Ask for files to open (the UI shows the system dialog or the path field).
    Open,
    OpenPaths(Vec<PathBuf>),
    Close(DocumentId),
    /// Move a document one column left (`-1`) or right (`+1`).
    Move(DocumentId, i32),
    Reload(DocumentId),
    Quit,
    ZoomIn,
    ZoomOut,
    ZoomReset,
    SetLineSpacing(f32),
    SetColumnWidth(f32),
    SetTheme(ThemeChoice),
    SetReadingFont(ReadingFont),
    SetLanguage(Language),
    ToggleRaw,
    ToggleSyncScroll,
    ToggleSidePanel,
    ShowHelp,
    HideHelp,
    Search,
    /// The search box changed: find every occurrence in the open documents.
    SetSearchQuery(String),
    /// Go to the next (`+1`) or previous (`-1`) search hit.
    SearchStep(i32),
    /// Go to search hit `n`.
    SearchSelect(usize),
    ShowTab(SideTab),
    /// Scroll a document to a place and flash it.
    JumpTo(Location),
    /// Return to where the last jump started.
    Back,
    /// The reader scrolled a pane by hand; `top_block` is the first visible block.
    Scrolled {
        doc: DocumentId,
        top_block: usize,
    },
    DismissNotification(usize),
    /// A background job finished.
    JobDone(JobOutput),
}

/// The commands that appear in menus and the Help window, in menu order.
pub const MENU_FILE: &[Command] = &[Command::Open, Command::Quit];
pub const MENU_VIEW: &[Command] = &[
    Command::ZoomIn,
    Command::ZoomOut,
    Command::ZoomReset,
    Command::ToggleRaw,
    Command::ToggleSyncScroll,
    Command::ToggleSidePanel,
    Command::Search,
];
pub const MENU_GO: &[Command] = &[Command::Back];
pub const MENU_HELP: &[Command] = &[Command::ShowHelp];

impl Command {
    /// Every command that has a shortcut, for key handling and the Help window.
    pub fn with_shortcuts() -> impl Iterator<Item = &'static Command> {
        [MENU_FILE, MENU_VIEW, MENU_GO, MENU_HELP]
            .into_iter()
            .flatten()
            .filter(|c| c.shortcut().is_some())
    }

    pub fn shortcut(&self) -> Option<Shortcut> {
        Some(match self {
            Self::Open => Shortcut::ctrl(Key::O),
            Self::Quit => Shortcut::ctrl(Key::Q),
            Self::ZoomIn => Shortcut::ctrl(Key::Plus),
            Self::ZoomOut => Shortcut::ctrl(Key::Minus),
            Self::ZoomReset => Shortcut::ctrl(Key::Num0),
            Self::ToggleRaw => Shortcut::ctrl(Key::R),
            Self::Search => Shortcut::ctrl(Key::F),
            Self::ShowHelp => Shortcut::plain(Key::F1),
            Self::Back => Shortcut::alt(Key::ArrowLeft),
            _ => return None,
        })
    }

    /// Short label; a command that opens a dialog ends in `…`.
    pub fn label(&self, lang: Language) -> String {
        let (zh, en) = match self {
            Self::Open => ("打开…", "Open…"),
            Self::OpenPaths(_) => ("打开", "Open"),
            Self::Close(_) => ("关闭", "Close"),
            Self::Move(_, d) if *d < 0 => ("左移", "Move left"),
            Self::Move(..) => ("右移", "Move right"),
            Self::Reload(_) => ("重新载入", "Reload"),
            Self::Quit => ("退出", "Quit"),
            Self::ZoomIn => ("放大字号", "Larger text"),
            Self::ZoomOut => ("缩小字号", "Smaller text"),
            Self::ZoomReset => ("默认字号", "Default text size"),
            Self::SetLineSpacing(_) => ("行距", "Line spacing"),
            Self::SetColumnWidth(_) => ("栏宽", "Column width"),
            Self::SetTheme(t) => return t.label(lang).to_owned(),
            Self::SetReadingFont(_) => ("阅读字体", "Reading font"),
            Self::SetLanguage(l) => return l.native_name().to_owned(),
            Self::ToggleRaw => ("对照原文", "Show raw file"),
            Self::ToggleSyncScroll => ("同步滚动", "Synced scrolling"),
            Self::ToggleSidePanel => ("侧栏", "Side panel"),
            Self::ShowHelp => ("快捷键…", "Shortcuts…"),
            Self::HideHelp => ("关闭帮助", "Close help"),
            Self::Search => ("搜索", "Search"),
            Self::SetSearchQuery(_) => ("搜索内容", "Search text"),
            Self::SearchStep(d) if *d < 0 => ("上一个", "Previous"),
            Self::SearchStep(_) => ("下一个", "Next"),
            Self::SearchSelect(_) => ("转到结果", "Go to result"),
            Self::ShowTab(t) => return t.label(lang).to_owned(),
            Self::JumpTo(_) => ("跳转", "Go to"),
            Self::Back => ("返回", "Back"),
            Self::Scrolled { .. } => ("滚动", "Scroll"),
            Self::DismissNotification(_) => ("关闭通知", "Dismiss"),
            Self::JobDone(_) => ("后台任务完成", "Job finished"),
        };
        lang.pick(zh, en).to_owned()
    }

    pub fn tooltip(&self, lang: Language) -> &'static str {
        match self {
            Self::Open => lang.pick("打开一个或多个文本文件", "Open one or more text files"),
            Self::Quit => lang.pick("保存会话并退出", "Save the session and quit"),
            Self::ZoomIn => lang.pick("增大阅读字号", "Increase the reading font size"),
            Self::ZoomOut => lang.pick("减小阅读字号", "Decrease the reading font size"),
            Self::ZoomReset => lang.pick("恢复默认阅读字号", "Reset the reading font size"),
            Self::ToggleRaw => lang.pick(
                "在清理后的正文旁显示原始文件，同步滚动",
                "Show the raw file beside the cleaned text, scrolled in step",
            ),
            Self::ToggleSyncScroll => lang.pick(
                "并排文档按相同段落对齐滚动",
                "Scroll side-by-side documents together, aligned by matching paragraphs",
            ),
            Self::ToggleSidePanel => lang.pick("显示或隐藏侧栏", "Show or hide the side panel"),
            Self::ShowHelp => lang.pick("列出全部快捷键", "List every shortcut"),
            Self::Search => lang.pick("在打开的文档中搜索", "Search the open documents"),
            Self::Back => lang.pick(
                "回到跳转之前的位置",
                "Return to where the last jump started",
            ),
            Self::Close(_) => lang.pick("关闭这篇文档", "Close this document"),
            Self::Move(..) => lang.pick("调整并排顺序", "Reorder the columns"),
            Self::Reload(_) => lang.pick("从磁盘重新载入", "Reload from disk"),
            _ => "",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn menu_commands_have_labels_tooltips_and_unique_shortcuts() {
        let mut seen = std::collections::BTreeSet::new();
        for cmd in Command::with_shortcuts() {
            let shortcut = cmd.shortcut().map(|s| s.text()).expect("filtered");
            assert!(
                seen.insert(shortcut.clone()),
                "duplicate shortcut {shortcut}"
            );
            for lang in Language::ALL {
                assert!(!cmd.label(lang).is_empty());
                assert!(!cmd.tooltip(lang).is_empty(), "{cmd:?} has no tooltip");
            }
        }
        assert!(seen.contains("Ctrl+O") && seen.contains("Ctrl+Q"));
        assert_eq!(Command::Open.label(Language::Zh), "打开…");
    }
}
