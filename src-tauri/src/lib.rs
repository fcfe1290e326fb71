//! The Revendo trade-in till: a Tauri shell around the protocol client and the journal.

pub fn run() {
    tauri::Builder::default()
        .run(tauri::generate_context!("tauri.conf.json"))
        .expect("the till's window could not be started");
}
