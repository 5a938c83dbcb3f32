//! Chinese words: segmentation (jieba-rs), selection bounds, search, keywords, names.
