//! Tags: first-class, with a colour token, an optional parent and a description.
//! A tag's path is its ancestors' names joined by `/` (`主题/教育`).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::ids::TagId;

/// Palette tokens; the UI theme maps them to actual colours for light and dark themes.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default, Serialize, Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Colour {
    #[default]
    Amber,
    Red,
    Green,
    Blue,
    Purple,
    Teal,
    Grey,
}

impl Colour {
    pub const ALL: [Colour; 7] = [
        Self::Amber,
        Self::Red,
        Self::Green,
        Self::Blue,
        Self::Purple,
        Self::Teal,
        Self::Grey,
    ];

    /// The colour a token names (`amber`, `red`, …), as [`Self::as_str`] writes it.
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.as_str() == name)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Amber => "amber",
            Self::Red => "red",
            Self::Green => "green",
            Self::Blue => "blue",
            Self::Purple => "purple",
            Self::Teal => "teal",
            Self::Grey => "grey",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tag {
    pub id: TagId,
    /// The tag's own name (one path segment, no `/`).
    pub name: String,
    #[serde(default)]
    pub colour: Colour,
    #[serde(default)]
    pub parent: Option<TagId>,
    #[serde(default)]
    pub description: String,
}

/// All tags known in one place (a document's sidecar or the user-wide library), by id.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TagLibrary {
    tags: BTreeMap<TagId, Tag>,
}

impl TagLibrary {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn from_tags(tags: impl IntoIterator<Item = Tag>) -> Self {
        Self {
            tags: tags.into_iter().map(|t| (t.id.clone(), t)).collect(),
        }
    }

    pub fn get(&self, id: &TagId) -> Option<&Tag> {
        self.tags.get(id)
    }

    pub fn iter(&self) -> impl Iterator<Item = &Tag> {
        self.tags.values()
    }

    pub fn len(&self) -> usize {
        self.tags.len()
    }

    pub fn is_empty(&self) -> bool {
        self.tags.is_empty()
    }

    /// Tags sorted by path, then id: the stable order for files and lists.
    pub fn sorted(&self) -> Vec<&Tag> {
        let mut tags: Vec<&Tag> = self.tags.values().collect();
        tags.sort_by_cached_key(|t| (self.path(&t.id), t.id.clone()));
        tags
    }

    pub(crate) fn insert(&mut self, tag: Tag) -> Option<Tag> {
        self.tags.insert(tag.id.clone(), tag)
    }

    pub(crate) fn remove(&mut self, id: &TagId) -> Option<Tag> {
        self.tags.remove(id)
    }

    /// `主题/教育` for a child tag; a broken or cyclic parent chain stops where it breaks.
    pub fn path(&self, id: &TagId) -> String {
        let mut names = Vec::new();
        let mut current = self.tags.get(id);
        while let Some(tag) = current {
            if names.len() > self.tags.len() {
                break;
            }
            names.push(tag.name.as_str());
            current = tag.parent.as_ref().and_then(|p| self.tags.get(p));
        }
        names.reverse();
        names.join("/")
    }

    /// The tag with this path (`主题/教育`), if any.
    pub fn find_path(&self, path: &str) -> Option<&Tag> {
        let wanted = normalise_path(path);
        self.tags.values().find(|t| self.path(&t.id) == wanted)
    }

    /// Whether `id` is `ancestor` or one of its descendants.
    pub fn is_within(&self, id: &TagId, ancestor: &TagId) -> bool {
        let mut current = Some(id);
        for _ in 0..=self.tags.len() {
            match current {
                Some(c) if c == ancestor => return true,
                Some(c) => current = self.tags.get(c).and_then(|t| t.parent.as_ref()),
                None => return false,
            }
        }
        false
    }

    /// Tags needed to make `path` exist, parents first, reusing existing ones (and `known`, a
    /// user-wide library, for colours and ids). Returns the leaf id and the new tags to add.
    pub fn plan_path(&self, path: &str, known: Option<&TagLibrary>) -> (Option<TagId>, Vec<Tag>) {
        let mut parent: Option<TagId> = None;
        let mut new_tags: Vec<Tag> = Vec::new();
        let mut prefix = String::new();
        for segment in normalise_path(path).split('/').filter(|s| !s.is_empty()) {
            if !prefix.is_empty() {
                prefix.push('/');
            }
            prefix.push_str(segment);
            let existing = self.find_path(&prefix).or_else(|| {
                new_tags
                    .iter()
                    .find(|t| t.name == segment && t.parent == parent)
            });
            let id = if let Some(tag) = existing {
                tag.id.clone()
            } else {
                let template = known.and_then(|k| k.find_path(&prefix));
                let tag = Tag {
                    id: template.map_or_else(TagId::generate, |t| t.id.clone()),
                    name: segment.to_owned(),
                    colour: template.map_or_else(|| colour_for(&prefix), |t| t.colour),
                    parent: parent.clone(),
                    description: template.map(|t| t.description.clone()).unwrap_or_default(),
                };
                let id = tag.id.clone();
                new_tags.push(tag);
                id
            };
            parent = Some(id);
        }
        (parent, new_tags)
    }
}

/// Trim each segment and drop empty ones (`" 主题 / 教育/"` is `主题/教育`).
pub fn normalise_path(path: &str) -> String {
    path.split('/')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join("/")
}

/// A stable default colour from the path, so the same tag gets the same colour everywhere.
fn colour_for(path: &str) -> Colour {
    let hash = blake3::hash(path.as_bytes());
    let pick = usize::from(hash.as_bytes()[0]) % Colour::ALL.len();
    Colour::ALL.get(pick).copied().unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn library_with(path: &str) -> (TagLibrary, TagId) {
        let mut lib = TagLibrary::new();
        let (leaf, new) = lib.plan_path(path, None);
        for t in new {
            lib.insert(t);
        }
        (lib, leaf.expect("a leaf"))
    }

    #[test]
    fn paths_create_parents_once() {
        let (mut lib, leaf) = library_with("主题/教育");
        assert_eq!(lib.len(), 2);
        assert_eq!(lib.path(&leaf), "主题/教育");
        let (again, new) = lib.plan_path(" 主题 / 教育 ", None);
        assert_eq!(again, Some(leaf.clone()));
        assert!(new.is_empty());
        let (_, more) = lib.plan_path("主题/经济", None);
        assert_eq!(more.len(), 1);
        for t in more {
            lib.insert(t);
        }
        let parent = lib.find_path("主题").expect("parent").id.clone();
        assert!(lib.is_within(&leaf, &parent));
        assert!(!lib.is_within(&parent, &leaf));
    }

    #[test]
    fn known_library_lends_ids_and_colours() {
        let (user, leaf) = library_with("人物");
        let doc = TagLibrary::new();
        let (id, new) = doc.plan_path("人物", Some(&user));
        assert_eq!(id, Some(leaf));
        assert_eq!(new[0].colour, user.sorted()[0].colour);
    }
}
