//! Application state and commands, shared by the GUI and its tests; no egui here.
