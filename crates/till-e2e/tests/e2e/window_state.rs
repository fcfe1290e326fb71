//! The till's window opens again where staff left it, at the size they left it.

use till_e2e::till::Bench;
use till_e2e::webdriver::WindowRect;

#[test]
fn the_window_opens_again_where_and_as_large_as_it_was_closed() {
    let bench = Bench::new("window_state").expect("bench");
    // The remembered window lives in the system's config folder: this test's own.
    let config = tempfile::tempdir().expect("config folder");
    let config_home = config.path().display().to_string();
    let env = [("XDG_CONFIG_HOME", config_home.as_str())];
    let till = bench.launch_with_env(&["--sandbox"], &env).expect("till starts");
    let opened = till.window_rect().expect("window rect");

    let wanted = WindowRect { x: 60, y: 40, width: 1100, height: 760 };
    let placed = till.set_window_rect(wanted).expect("moved and resized");
    assert_ne!(placed, opened, "the window moved or changed size");
    till.close_and_wait("Revendo Till – TRAINING").expect("closed by its close button");

    let remembered = config.path().join("ch.revendo.till").join(".window-state.json");
    let kept = std::fs::read_to_string(&remembered).expect("the window's state kept");

    let again = bench.launch_with_env(&["--sandbox"], &env).expect("till starts again");
    assert_eq!(again.window_rect().expect("window rect"), placed, "kept: {kept}");
}
