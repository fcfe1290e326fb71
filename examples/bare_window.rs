//! A bare Tauri 2 window built from the till's own dependencies: the baseline that
//! `scripts/bench-startup` measures the till's startup time and memory against.

fn main() {
    // The context is the till's own, so both binaries embed the same configuration;
    // the window shows an empty page instead of the till.
    #[allow(clippy::disallowed_methods)]
    let context = tauri::generate_context!();

    tauri::Builder::default()
        .on_page_load(revendo_pos::startup_probe::page_loaded)
        .setup(|app| {
            let blank = "data:text/html,<title>Bare window</title>".parse().expect("a valid URL");
            tauri::WebviewWindowBuilder::new(app, "main", tauri::WebviewUrl::External(blank))
                .title("Bare window")
                .inner_size(1280.0, 860.0)
                .build()?;
            Ok(())
        })
        .run(context)
        .expect("the bare window could not run");
}
