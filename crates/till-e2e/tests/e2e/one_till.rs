//! One till per data folder: a second start on the same folder tells staff why in a
//! dialog, and leaves the running till and its journal alone.

use std::io::Read;
use std::process::{Command, Stdio};

use till_e2e::desktop::window_shown;
use till_e2e::till::Bench;
use till_e2e::{PATIENCE, binaries, wait_for};

/// The title of the till's failure dialog (`src-tauri/src/failure_dialog.rs`).
const DIALOG_TITLE: &str = "Revendo Till cannot start";

#[test]
fn a_second_till_on_the_same_folder_says_why_in_a_dialog_and_leaves_the_first_running() {
    let bench = Bench::new("one_till").expect("bench");
    let till = bench.launch(&["--sandbox"]).expect("first till starts");
    assert!(!window_shown(DIALOG_TITLE).expect("windows listed"), "no dialog before");

    // Started as from an icon: standard error goes nowhere a person sees.
    let data_dir = bench.data_dir().display().to_string();
    let mut second = Command::new(binaries::till().expect("till binary"))
        .args(["--sandbox", "--data-dir", &data_dir])
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("second till started");

    let dialog = wait_for("the failure dialog", PATIENCE, || match window_shown(DIALOG_TITLE) {
        Ok(true) => Ok(()),
        Ok(false) => Err(format!("exited: {:?}", second.try_wait())),
        Err(error) => Err(error.to_string()),
    });
    let still_waiting = second.try_wait().expect("status").is_none();
    let _ = second.kill();
    let status = second.wait().expect("second till ended");
    let mut stderr = String::new();
    second.stderr.take().expect("stderr").read_to_string(&mut stderr).expect("stderr read");

    dialog.expect("the dialog was shown");
    assert!(still_waiting, "the second till waits for staff to read the dialog");
    assert!(!status.success(), "the second till does not run: {status:?}");
    assert!(
        stderr.contains("another till is already running with the data folder"),
        "the reason on standard error too: {stderr:?}"
    );
    assert!(till.is_shown("training-banner").expect("first till answers"), "first till runs on");
    assert!(!window_shown(DIALOG_TITLE).expect("windows listed"), "the dialog went with it");
}
