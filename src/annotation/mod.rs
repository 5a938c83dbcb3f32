//! Annotations: model, tags, anchors and their resolution against a document.
