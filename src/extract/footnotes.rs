//! Footnotes: markers linked to their notes (issue "engine, part 2").
