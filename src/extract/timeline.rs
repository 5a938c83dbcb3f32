//! Timeline: every dated expression, normalized (issue "engine, part 2").
