//! The command-line edges: argument structs and runners for each subcommand. They drive the
//! same engine the GUI uses and are the only engine users allowed to print.

pub mod annotate;
pub mod extract;
pub mod gui;
pub mod library;
pub mod search;
pub mod timeline;
pub mod timeline_picture;
