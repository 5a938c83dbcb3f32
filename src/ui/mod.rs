//! The only place egui/eframe appear.
