//! The till under test: one data folder per test ([`Bench`]), and each start of the app
//! in it ([`Till`]) through its own `tauri-driver`.
//!
//! A [`Till`] that goes out of scope, also while a failed assertion unwinds, saves a
//! screenshot of its window, ends the session and stops its driver; a failing test
//! prints where the screenshot is.

use std::net::{TcpListener, TcpStream};
use std::ops::Deref;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

use serde_json::{Value, json};
use tempfile::TempDir;

use crate::artifacts::Artifacts;
use crate::webdriver::Session;
use crate::{Error, PATIENCE, Result, binaries, wait_for};

/// The settings every test's till starts with: English, so that texts can be compared
/// with `ui/page/locales/en.json`, and a known store, till and operator.
const TEST_SETTINGS: &str = r#"{
  "language": "en",
  "storeId": "ZH01",
  "tillId": "7",
  "operator": "E2E"
}"#;

/// One test's data folder and artifacts; the app can start in it several times.
#[derive(Debug)]
pub struct Bench {
    artifacts: Artifacts,
    data_dir: TempDir,
}

impl Bench {
    /// A fresh data folder for the test named `test`, with [`TEST_SETTINGS`].
    pub fn new(test: &str) -> Result<Bench> {
        Bench::with_settings(test, &[])
    }

    /// Like [`Bench::new`], with these settings added to or replacing [`TEST_SETTINGS`].
    pub fn with_settings(test: &str, changes: &[(&str, Value)]) -> Result<Bench> {
        let artifacts = Artifacts::for_test(test)?;
        let data_dir = tempfile::Builder::new()
            .prefix(&format!("till-e2e-{test}-"))
            .tempdir()
            .map_err(|error| Error::io(std::env::temp_dir(), error))?;

        let mut values: Value = serde_json::from_str(TEST_SETTINGS).map_err(|error| {
            Error::Unexpected { from: "test settings".into(), detail: error.to_string() }
        })?;
        for (name, value) in changes {
            values[*name] = value.clone();
        }
        let settings = data_dir.path().join("settings.json");
        std::fs::write(&settings, values.to_string())
            .map_err(|error| Error::io(&settings, error))?;
        for suffix in ["driver.log", "sandbox.log"] {
            let _ = std::fs::remove_file(artifacts.file(suffix));
        }
        Ok(Bench { artifacts, data_dir })
    }

    /// The till's data folder (`--data-dir`).
    pub fn data_dir(&self) -> &Path {
        self.data_dir.path()
    }

    /// Everything the till has written to the log files of its data folder so far.
    pub fn app_logs(&self) -> Result<String> {
        let folder = self.data_dir.path().join("logs");
        let entries = std::fs::read_dir(&folder).map_err(|error| Error::io(&folder, error))?;
        let mut text = String::new();
        for entry in entries {
            let path = entry.map_err(|error| Error::io(&folder, error))?.path();
            text += &std::fs::read_to_string(&path).map_err(|error| Error::io(&path, error))?;
        }
        Ok(text)
    }

    /// Where this test's artifacts go.
    pub fn artifacts(&self) -> &Artifacts {
        &self.artifacts
    }

    /// Starts the till on this data folder with `args` and waits for its page.
    pub fn launch(&self, args: &[&str]) -> Result<Till> {
        self.launch_with_env(args, &[])
    }

    /// Starts the till against a standalone Revendo: its API at `api_base`, its trade-in
    /// page at `iframe_url` (whose origin is the one accepted).
    pub fn launch_against(&self, api_base: &str, iframe_url: &str) -> Result<Till> {
        self.launch(&["--api-base", api_base, "--iframe-url", iframe_url])
    }

    /// Like [`Bench::launch`], with extra environment variables for the driver, the
    /// WebKit driver and the app (e.g. no session bus).
    pub fn launch_with_env(&self, args: &[&str], env: &[(&str, &str)]) -> Result<Till> {
        let mut app_args: Vec<String> = args.iter().map(|arg| (*arg).to_owned()).collect();
        app_args.push("--data-dir".into());
        app_args.push(self.data_dir().display().to_string());

        let mut driver = start_driver(&self.artifacts, env)?;
        let capabilities = json!({
            "alwaysMatch": {
                "browserName": "wry",
                "tauri:options": {
                    "application": binaries::till()?.display().to_string(),
                    "args": app_args,
                },
            },
        });
        let session = match Session::create(&driver.server, capabilities) {
            Ok(session) => session,
            Err(error) => {
                driver.stop();
                return Err(error);
            }
        };

        let till = Till {
            driver,
            session: Some(session),
            artifacts: self.artifacts.clone(),
            data_dir: self.data_dir().to_owned(),
        };
        till.wait_for_page()?;
        Ok(till)
    }
}

impl Drop for Bench {
    fn drop(&mut self) {
        self.artifacts.keep_app_logs(self.data_dir.path());
    }
}

/// A running till: its WebDriver session (which it dereferences to) and its driver.
#[derive(Debug)]
pub struct Till {
    driver: Driver,
    session: Option<Session>,
    artifacts: Artifacts,
    data_dir: PathBuf,
}

impl Deref for Till {
    type Target = Session;

    fn deref(&self) -> &Session {
        self.session.as_ref().unwrap_or_else(|| panic!("the till's session has ended"))
    }
}

impl Till {
    /// Kills the app with SIGKILL, as a power cut would; the session is unusable after.
    pub fn kill_app(&mut self) -> Result<()> {
        let pid = app_process(&self.data_dir)?;
        let status = Command::new("kill")
            .args(["-KILL", &pid.to_string()])
            .status()
            .map_err(|error| Error::io("kill", error))?;
        if !status.success() {
            return Err(Error::Process { what: "kill".into(), message: format!("pid {pid}") });
        }

        self.wait_for_exit("the killed app to be gone")?;
        self.session = None;
        Ok(())
    }

    /// Closes the till's window titled `title` with its close button and waits for the
    /// app to exit.
    pub fn close_and_wait(mut self, title: &str) -> Result<()> {
        crate::desktop::press_close_button(title)?;
        self.wait_for_exit("the app to exit after its window closed")?;
        self.session = None;
        Ok(())
    }

    fn wait_for_exit(&self, what: &str) -> Result<()> {
        wait_for(what, PATIENCE, || match app_process(&self.data_dir) {
            Ok(pid) => Err(format!("pid {pid} still runs")),
            Err(_) => Ok(()),
        })
    }

    /// Waits until the page has booted: the trade-in screen or the startup error shows.
    fn wait_for_page(&self) -> Result<()> {
        let script = "const shown = (name) => { \
                        const el = document.querySelector(`[data-test=\"${name}\"]`); \
                        return !!el && !el.hidden; }; \
                      return shown('screen-tradein') ? 'ready' \
                        : shown('startup-error') ? 'startup-error' : 'booting';";
        let state =
            wait_for("the till's page to boot", PATIENCE, || match self.execute(script, vec![]) {
                Ok(Value::String(state)) if state != "booting" => Ok(state),
                Ok(other) => Err(other.to_string()),
                Err(error) => Err(error.to_string()),
            })?;
        if state == "ready" {
            return Ok(());
        }
        Err(Error::Unexpected {
            from: "the till".into(),
            detail: "it showed its startup error".into(),
        })
    }

    fn close(&mut self) {
        if let Some(session) = self.session.take() {
            let path = self.artifacts.screenshot();
            match session.screenshot(&path) {
                Ok(()) if std::thread::panicking() => {
                    eprintln!("the till's last screen: {}", path.display());
                }
                Ok(()) => {}
                Err(error) => eprintln!("no screenshot of the till's last screen: {error}"),
            }
            let _ = session.delete();
        }
        self.driver.stop();
        if std::thread::panicking() {
            eprintln!("the app's output: {}", self.artifacts.file("driver.log").display());
        }
    }
}

impl Drop for Till {
    fn drop(&mut self) {
        self.close();
    }
}

/// A `tauri-driver` process and the URL of its WebDriver server.
#[derive(Debug)]
struct Driver {
    child: Child,
    server: String,
}

impl Driver {
    /// Stops the driver and everything it started (WebKitWebDriver, the app), so that
    /// no process outlives its test.
    fn stop(&mut self) {
        let descendants = descendants_of(self.child.id());
        let _ = self.child.kill();
        let _ = self.child.wait();
        for pid in descendants {
            let _ = Command::new("kill")
                .args(["-KILL", &pid.to_string()])
                .stderr(Stdio::null())
                .status();
        }
    }
}

/// The processes below `root`, read from `/proc`, children before grandchildren.
fn descendants_of(root: u32) -> Vec<u32> {
    let parents: Vec<(u32, u32)> = std::fs::read_dir("/proc")
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|entry| {
            let pid = entry.file_name().to_str()?.parse::<u32>().ok()?;
            let stat = std::fs::read_to_string(entry.path().join("stat")).ok()?;
            // The parent pid is the second field after the parenthesised command name.
            let after_name = stat.rsplit_once(')')?.1;
            let ppid = after_name.split_whitespace().nth(1)?.parse::<u32>().ok()?;
            Some((pid, ppid))
        })
        .collect();

    let mut found = vec![root];
    let mut index = 0;
    while index < found.len() {
        let parent = found[index];
        found.extend(parents.iter().filter(|(_, ppid)| *ppid == parent).map(|(pid, _)| *pid));
        index += 1;
    }
    found.remove(0);
    found
}

/// Starts `tauri-driver` on free ports, its output (and the app's) appended to the
/// test's `driver.log`.
fn start_driver(artifacts: &Artifacts, env: &[(&str, &str)]) -> Result<Driver> {
    let log_path = artifacts.file("driver.log");
    let open_log = || {
        std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(&log_path)
            .map_err(|error| Error::io(&log_path, error))
    };
    let port = free_port()?;
    let native_port = free_port()?;

    let mut command = Command::new(binaries::tauri_driver()?);
    command
        .args(["--port", &port.to_string(), "--native-port", &native_port.to_string()])
        .stdin(Stdio::null())
        .stdout(open_log()?)
        .stderr(open_log()?);
    for (name, value) in env {
        command.env(name, value);
    }
    let child = command.spawn().map_err(|error| Error::Process {
        what: "tauri-driver".into(),
        message: error.to_string(),
    })?;
    let mut driver = Driver { child, server: format!("http://127.0.0.1:{port}") };

    let listening = wait_for("tauri-driver to listen", PATIENCE, || {
        TcpStream::connect(("127.0.0.1", port)).map(drop).map_err(|error| error.to_string())
    });
    if let Err(error) = listening {
        driver.stop();
        return Err(error);
    }
    Ok(driver)
}

fn free_port() -> Result<u16> {
    let listener =
        TcpListener::bind(("127.0.0.1", 0)).map_err(|error| Error::io("127.0.0.1:0", error))?;
    let port = listener.local_addr().map_err(|error| Error::io("127.0.0.1:0", error))?.port();
    Ok(port)
}

/// The pid of the till process started on `data_dir`, read from `/proc`.
fn app_process(data_dir: &Path) -> Result<u32> {
    let data_dir = data_dir.display().to_string();
    let entries = std::fs::read_dir("/proc").map_err(|error| Error::io("/proc", error))?;
    for entry in entries.flatten() {
        let Some(pid) = entry.file_name().to_str().and_then(|name| name.parse::<u32>().ok()) else {
            continue;
        };
        let Ok(cmdline) = std::fs::read(entry.path().join("cmdline")) else { continue };
        let args: Vec<String> =
            cmdline.split(|byte| *byte == 0).map(|a| String::from_utf8_lossy(a).into()).collect();
        let is_till = args.first().is_some_and(|program| program.ends_with("revendo-pos"));
        if is_till && args.contains(&data_dir) {
            return Ok(pid);
        }
    }
    Err(Error::Process { what: "revendo-pos".into(), message: format!("none runs on {data_dir}") })
}
