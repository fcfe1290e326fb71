//! The standalone Revendo simulation (`revendo-sandbox`) as a process of the test, with
//! its admin endpoints: fault injection and the orders it holds.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use serde_json::{Value, json};

use crate::artifacts::Artifacts;
use crate::{Error, PATIENCE, Result, binaries};

/// The key the simulation expects unless started with another.
pub const SANDBOX_KEY: &str = "sandbox-training-key";

/// Faults of the finalize endpoint, as the admin endpoint takes them.
#[derive(Debug, Clone, Copy, Default)]
pub struct Faults {
    /// Answer the next N requests with 500; no order is created.
    pub fail_next: u32,
    /// Hold every response this long after the order was decided.
    pub delay_ms: u64,
    /// Create the order, then close the connection without an answer, N times.
    pub drop_next: u32,
}

/// A running `revendo-sandbox`, stopped when dropped.
#[derive(Debug)]
pub struct StandaloneSandbox {
    child: Child,
    http: reqwest::blocking::Client,
    /// Base of the order API.
    pub api_base: String,
    /// The trade-in page.
    pub iframe_url: String,
    /// The origin the page posts its messages from.
    pub origin: String,
}

impl StandaloneSandbox {
    /// Starts the simulation on a free loopback port with extra command-line `options`.
    pub fn start(artifacts: &Artifacts, options: &[&str]) -> Result<StandaloneSandbox> {
        StandaloneSandbox::start_on("127.0.0.1:0", artifacts, options)
    }

    /// Starts the simulation on `listen` (`127.0.0.1:PORT`), e.g. again on the port of
    /// one that was stopped.
    pub fn start_on(
        listen: &str,
        artifacts: &Artifacts,
        options: &[&str],
    ) -> Result<StandaloneSandbox> {
        let log_path = artifacts.file("sandbox.log");
        let log = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(&log_path)
            .map_err(|error| Error::io(&log_path, error))?;

        let mut child = Command::new(binaries::sandbox()?)
            .args(["--listen", listen])
            .args(options)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(log)
            .spawn()
            .map_err(|error| process_error("revendo-sandbox", error))?;

        let lines = announced_urls(&mut child)?;
        let find = |name: &str| {
            lines.iter().find_map(|line| line.strip_prefix(&format!("{name}="))).map(str::to_owned)
        };
        let (Some(api_base), Some(iframe_url), Some(origin)) =
            (find("api_base"), find("iframe_url"), find("origin"))
        else {
            let _ = child.kill();
            return Err(Error::Unexpected {
                from: "revendo-sandbox".into(),
                detail: format!("missing URLs in its output: {lines:?}"),
            });
        };

        let http = reqwest::blocking::Client::builder()
            .timeout(Duration::from_secs(10))
            .no_proxy()
            .build()?;
        Ok(StandaloneSandbox { child, http, api_base, iframe_url, origin })
    }

    /// `host:port` it listens on.
    pub fn address(&self) -> String {
        self.origin.trim_start_matches("http://").to_owned()
    }

    /// Replaces the active faults of the finalize endpoint (lowering the delay releases
    /// held responses).
    pub fn set_faults(&self, faults: Faults) -> Result<()> {
        let body = json!({
            "fail_next": faults.fail_next,
            "delay_ms": faults.delay_ms,
            "drop_next": faults.drop_next,
            "bad_gateway_next": 0,
        });
        self.admin_post("faults", &body).map(drop)
    }

    /// The orders it holds (ids, amount, payout; never customer data).
    pub fn orders(&self) -> Result<Vec<Value>> {
        let url = format!("{}/sandbox/admin/orders", self.origin);
        let value: Value = self.http.get(url).send()?.error_for_status()?.json()?;
        Ok(value.as_array().cloned().unwrap_or_default())
    }

    /// Stops the simulation at once, as a crashed server stops.
    pub fn stop(mut self) {
        self.kill();
    }

    fn admin_post(&self, what: &str, body: &Value) -> Result<Value> {
        let url = format!("{}/sandbox/admin/{what}", self.origin);
        Ok(self.http.post(url).json(body).send()?.error_for_status()?.json()?)
    }

    fn kill(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for StandaloneSandbox {
    fn drop(&mut self) {
        self.kill();
    }
}

/// The `name=value` lines the sandbox prints once it listens.
fn announced_urls(child: &mut Child) -> Result<Vec<String>> {
    let stdout = child.stdout.take().ok_or_else(|| Error::Process {
        what: "revendo-sandbox".into(),
        message: "no standard output".into(),
    })?;
    let (sender, receiver) = mpsc::channel();
    std::thread::spawn(move || {
        let mut lines = Vec::new();
        for line in BufReader::new(stdout).lines().map_while(std::result::Result::ok) {
            let last = line.starts_with("admin=");
            lines.push(line);
            if last {
                break;
            }
        }
        let _ = sender.send(lines);
    });

    receiver.recv_timeout(PATIENCE).map_err(|_| {
        let _ = child.kill();
        Error::Process {
            what: "revendo-sandbox".into(),
            message: "did not print its URLs (see the .sandbox.log artifact)".into(),
        }
    })
}

fn process_error(what: &str, error: std::io::Error) -> Error {
    Error::Process { what: what.into(), message: error.to_string() }
}
