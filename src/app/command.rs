//! Everything the user can do, as values. Each command carries its label, tooltip and shortcut,
//! so menus, key handling and the Help window are generated from one table.

use std::path::PathBuf;

use super::DocumentId;
use super::i18n::Language;
use super::settings::{ReadingFont, SideTab, ThemeChoice};
use crate::annotation::{AnnotationId, Colour, TagId};
use crate::export::Format;
use crate::nlp::search::SearchMode;

pub use super::shortcut::{Key, Shortcut};

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
    /// The name of this device's annotation files (`NAME.EXT.pangzhu/DEVICE.ron`).
    SetDeviceName(String),
    ToggleRaw,
    ToggleSyncScroll,
    ToggleSidePanel,
    /// Show or hide the timeline view (the date axis under the documents).
    ToggleTimelineView,
    /// Select a timeline entry in the list and on the axis together, and go to it.
    SelectTimelineEntry(Location),
    /// Write the timeline picture (SVG text as shown) to `path`, as PNG when `png`.
    SaveTimelinePicture {
        svg: String,
        path: PathBuf,
        png: bool,
    },
    /// Open a folder as a library: index it in the background (new and changed files only).
    OpenLibrary(PathBuf),
    /// Bring the open library's index up to date with its folder.
    UpdateLibrary,
    /// Search the whole library.
    SearchLibrary {
        query: String,
        mode: SearchMode,
    },
    /// Open a library document (if it is not open) and go to a place in it.
    OpenLibraryHit {
        path: PathBuf,
        offset: usize,
    },
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
    /// Render a page of a paged document (PDF) for the page view, once.
    RequestPage {
        doc: DocumentId,
        page: u32,
    },
    /// Return to where the last jump started.
    Back,
    /// The reader scrolled a pane by hand; `top_block` is the first visible block.
    Scrolled {
        doc: DocumentId,
        top_block: usize,
    },
    DismissNotification(usize),
    /// The reader selected text in a document (byte offsets of the cleaned text, any order).
    Select {
        doc: DocumentId,
        start: usize,
        end: usize,
    },
    /// Select the word (jieba) at a place: double-click.
    SelectWord(Location),
    /// Select the sentence at a place: triple-click.
    SelectSentence(Location),
    ClearSelection,
    /// Apply quick tag `n` (1–9) to the selection.
    QuickTag(u8),
    OpenTagPicker,
    CloseTagPicker,
    /// Tag the selection with this tag path, creating the tag if needed.
    TagSelection(String),
    /// Edit the note of the selection (or of the annotation on it).
    EditNote,
    /// Edit the note of one annotation (from the Annotations tab).
    EditNoteOf(DocumentId, AnnotationId),
    /// Store the note being edited (empty clears it).
    SaveNote(String),
    CloseNoteEditor,
    /// Remove the annotations overlapping the selection.
    DeleteAtSelection,
    DeleteAnnotation(DocumentId, AnnotationId),
    /// Anchor an (orphaned) annotation to the current selection.
    Reattach(DocumentId, AnnotationId),
    Undo,
    Redo,
    RenameTag {
        tag: TagId,
        name: String,
    },
    /// Merge tag `from` into `into` in every open document.
    MergeTags {
        from: TagId,
        into: TagId,
    },
    SetTagColour {
        tag: TagId,
        colour: Colour,
    },
    SetTagParent {
        tag: TagId,
        parent: Option<TagId>,
    },
    SetSearchMode(SearchMode),
    ShowExport,
    HideExport,
    /// Ask the system save dialog for an export path (a job; the path field stays usable).
    BrowseExportPath(Format),
    Export(ExportRequest),
}

/// Which annotations an export holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ExportScope {
    Document(DocumentId),
    AllOpen,
    /// Annotations of the open documents with one of these tag paths (or a child of one).
    Tags(Vec<String>),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportRequest {
    pub format: Format,
    pub scope: ExportScope,
    pub path: PathBuf,
}

/// The commands that appear in menus and the Help window, in menu order.
pub const MENU_FILE: &[Command] = &[Command::Open, Command::ShowExport, Command::Quit];
pub const MENU_EDIT: &[Command] = &[
    Command::Undo,
    Command::Redo,
    Command::OpenTagPicker,
    Command::EditNote,
    Command::DeleteAtSelection,
    Command::QuickTag(1),
    Command::QuickTag(2),
    Command::QuickTag(3),
    Command::QuickTag(4),
    Command::QuickTag(5),
    Command::QuickTag(6),
    Command::QuickTag(7),
    Command::QuickTag(8),
    Command::QuickTag(9),
];
pub const MENU_VIEW: &[Command] = &[
    Command::ZoomIn,
    Command::ZoomOut,
    Command::ZoomReset,
    Command::ToggleRaw,
    Command::ToggleSyncScroll,
    Command::ToggleSidePanel,
    Command::ToggleTimelineView,
    Command::Search,
];
pub const MENU_GO: &[Command] = &[Command::Back];
pub const MENU_HELP: &[Command] = &[Command::ShowHelp];

impl Command {
    /// Every command that has a shortcut, for key handling and the Help window.
    pub fn with_shortcuts() -> impl Iterator<Item = &'static Command> {
        [MENU_FILE, MENU_EDIT, MENU_VIEW, MENU_GO, MENU_HELP]
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
            Self::ToggleTimelineView => Shortcut::ctrl(Key::T),
            Self::Search => Shortcut::ctrl(Key::F),
            Self::ShowHelp => Shortcut::plain(Key::F1),
            Self::Back => Shortcut::alt(Key::ArrowLeft),
            Self::ShowExport => Shortcut::ctrl(Key::E),
            Self::Undo => Shortcut::ctrl(Key::Z),
            Self::Redo => Shortcut::ctrl_shift(Key::Z),
            Self::OpenTagPicker => Shortcut::plain(Key::T),
            Self::EditNote => Shortcut::plain(Key::N),
            Self::DeleteAtSelection => Shortcut::plain(Key::Delete),
            Self::QuickTag(n) if (1..=9).contains(n) => Shortcut::plain(Key::Digit(*n)),
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
            Self::SetDeviceName(_) => ("设备名称", "Device name"),
            Self::ToggleRaw => ("对照原文", "Show raw file or page"),
            Self::ToggleSyncScroll => ("同步滚动", "Synced scrolling"),
            Self::ToggleSidePanel => ("侧栏", "Side panel"),
            Self::ToggleTimelineView => ("时间轴", "Timeline view"),
            Self::SelectTimelineEntry(_) => ("选择时间条目", "Select timeline entry"),
            Self::SaveTimelinePicture { png: true, .. } => ("保存 PNG", "Save PNG"),
            Self::SaveTimelinePicture { .. } => ("保存 SVG", "Save SVG"),
            Self::OpenLibrary(_) => ("打开文库", "Open library"),
            Self::UpdateLibrary => ("更新文库", "Update library"),
            Self::SearchLibrary { .. } => ("搜索文库", "Search library"),
            Self::OpenLibraryHit { .. } => ("打开结果", "Open hit"),
            Self::ShowHelp => ("快捷键…", "Shortcuts…"),
            Self::HideHelp => ("关闭帮助", "Close help"),
            Self::Search => ("搜索", "Search"),
            Self::SetSearchQuery(_) => ("搜索内容", "Search text"),
            Self::SearchStep(d) if *d < 0 => ("上一个", "Previous"),
            Self::SearchStep(_) => ("下一个", "Next"),
            Self::SearchSelect(_) => ("转到结果", "Go to result"),
            Self::ShowTab(t) => return t.label(lang).to_owned(),
            Self::JumpTo(_) => ("跳转", "Go to"),
            Self::RequestPage { .. } => ("显示原页", "Show page"),
            Self::Back => ("返回", "Back"),
            Self::Scrolled { .. } => ("滚动", "Scroll"),
            Self::DismissNotification(_) => ("关闭通知", "Dismiss"),
            Self::Select { .. } => ("选择", "Select"),
            Self::SelectWord(_) => ("选择词语", "Select word"),
            Self::SelectSentence(_) => ("选择句子", "Select sentence"),
            Self::ClearSelection => ("取消选择", "Clear selection"),
            Self::QuickTag(n) => {
                return format!("{} {n}", lang.pick("快速标签", "Quick tag"));
            }
            Self::OpenTagPicker => ("标签…", "Tag…"),
            Self::CloseTagPicker => ("关闭标签选择", "Close tag picker"),
            Self::TagSelection(_) => ("加标签", "Tag selection"),
            Self::EditNote | Self::EditNoteOf(..) => ("批注…", "Note…"),
            Self::SaveNote(_) => ("保存批注", "Save note"),
            Self::CloseNoteEditor => ("关闭批注", "Close note"),
            Self::DeleteAtSelection => ("删除高亮", "Delete highlight"),
            Self::DeleteAnnotation(..) => ("删除", "Delete"),
            Self::Reattach(..) => ("重新附着到选区", "Re-attach to selection"),
            Self::Undo => ("撤销", "Undo"),
            Self::Redo => ("重做", "Redo"),
            Self::RenameTag { .. } => ("重命名标签", "Rename tag"),
            Self::MergeTags { .. } => ("合并标签", "Merge tags"),
            Self::SetTagColour { .. } => ("标签颜色", "Tag colour"),
            Self::SetTagParent { .. } => ("上级标签", "Parent tag"),
            Self::SetSearchMode(_) => ("搜索方式", "Search mode"),
            Self::ShowExport => ("导出批注…", "Export annotations…"),
            Self::HideExport => ("关闭导出", "Close export"),
            Self::BrowseExportPath(_) => ("选择位置…", "Choose location…"),
            Self::Export(_) => ("导出", "Export"),
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
            Self::ToggleTimelineView => lang.pick(
                "在文档下方显示可缩放的时间轴：每篇文档一条泳道",
                "Show a zoomable date axis under the documents, one lane per document",
            ),
            Self::ShowHelp => lang.pick("列出全部快捷键", "List every shortcut"),
            Self::Search => lang.pick("在打开的文档中搜索", "Search the open documents"),
            Self::Back => lang.pick(
                "回到跳转之前的位置",
                "Return to where the last jump started",
            ),
            Self::Close(_) => lang.pick("关闭这篇文档", "Close this document"),
            Self::Move(..) => lang.pick("调整并排顺序", "Reorder the columns"),
            Self::Reload(_) => lang.pick("从磁盘重新载入", "Reload from disk"),
            Self::ShowExport => lang.pick(
                "把批注导出为 Markdown、CSV、W3C JSON 或 HTML",
                "Export annotations as Markdown, CSV, W3C JSON or HTML",
            ),
            Self::Undo => lang.pick("撤销上一次批注修改", "Undo the last annotation edit"),
            Self::Redo => lang.pick("重做撤销的批注修改", "Redo the undone annotation edit"),
            Self::OpenTagPicker => lang.pick(
                "给选区加标签：输入筛选，回车新建",
                "Tag the selection: type to filter, Enter to create",
            ),
            Self::EditNote => lang.pick("给选区写批注", "Write a note on the selection"),
            Self::DeleteAtSelection => {
                lang.pick("删除选区上的高亮", "Remove the highlights on the selection")
            }
            Self::QuickTag(_) => lang.pick(
                "给选区加上这个快速标签",
                "Give the selection this quick tag",
            ),
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
