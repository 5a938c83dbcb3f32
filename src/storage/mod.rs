//! Persistence: versioned RON sidecars, atomic writes, migration, merge.
