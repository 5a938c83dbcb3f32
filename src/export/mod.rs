//! Exporters: Markdown, CSV, W3C Web Annotation JSON (+ import), HTML. Pure renderers.
