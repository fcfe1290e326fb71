//! The `revendo-sandbox` binary: what it prints and what it refuses.

#![allow(clippy::unwrap_used)]

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};

/// Kills the sandbox process even when an assertion fails first.
struct Running(Child);

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

#[tokio::test]
async fn the_binary_prints_the_urls_it_serves_and_serves_them() {
    let mut child = Running(
        Command::new(env!("CARGO_BIN_EXE_revendo-sandbox"))
            .args(["--listen", "127.0.0.1:0", "--shape", "later"])
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap(),
    );
    let mut lines = BufReader::new(child.0.stdout.take().unwrap()).lines();
    let printed: Vec<String> = (0..5).map(|_| lines.next().unwrap().unwrap()).collect();

    let value = |name: &str| {
        let prefix = format!("{name}=");
        printed.iter().find_map(|line| line.strip_prefix(&prefix)).unwrap().to_owned()
    };
    let api_base = value("api_base");
    let shape = reqwest::Client::builder()
        .no_proxy()
        .build()
        .unwrap()
        .get(format!("{api_base}/sandbox/admin/shape"))
        .send()
        .await
        .map(|response| response.status().as_u16());
    drop(child);

    assert!(api_base.starts_with("http://127.0.0.1:") && !api_base.ends_with(":0"), "{api_base}");
    assert_eq!(value("iframe_url"), format!("{api_base}/sell-a-device-iframe/?iframe=1"));
    assert_eq!(value("finalize_url"), format!("{api_base}/wp-json/revendo/v1/orders/finalize"));
    assert_eq!(value("origin"), api_base);
    assert_eq!(value("admin"), format!("{api_base}/sandbox/admin/"));
    assert_eq!(shape.unwrap(), 200);
}

#[test]
fn the_binary_refuses_to_listen_beyond_loopback() {
    let output = Command::new(env!("CARGO_BIN_EXE_revendo-sandbox"))
        .args(["--listen", "0.0.0.0:0"])
        .output()
        .unwrap();

    assert_eq!(output.status.code(), Some(2));
    assert!(output.stdout.is_empty());
    assert!(String::from_utf8_lossy(&output.stderr).contains("loopback"));
}

#[test]
fn the_binary_refuses_an_unknown_shape() {
    let output = Command::new(env!("CARGO_BIN_EXE_revendo-sandbox"))
        .args(["--shape", "draft"])
        .output()
        .unwrap();

    assert_eq!(output.status.code(), Some(2));
}
