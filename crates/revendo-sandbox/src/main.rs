//! `revendo-sandbox`: runs the Revendo simulation on loopback until interrupted.
//!
//! It prints the URLs it serves on stdout, one `name=value` per line, so that scripts and
//! tests can read them; logs go to stderr.

use std::io::Write;
use std::net::SocketAddr;
use std::process::ExitCode;
use std::time::Duration;

use revendo_sandbox::{Faults, ResponseShape, Sandbox, SandboxConfig};

const USAGE: &str = "\
Usage: revendo-sandbox [options]

  --listen ADDR                 loopback address and port (default 127.0.0.1:8787; port 0 = any)
  --api-key KEY                 the expected X-Revendo-API-Key (default sandbox-training-key)
  --shape seed|later            the response shape of the API (default seed)
  --offer-lifetime-minutes N    how long offers stay valid (default 60)
  --fail-next N                 answer the next N finalize requests with 500
  --delay-ms D                  hold every finalize response D milliseconds
  --drop-next N                 create the order, then drop the connection, N times
  --bad-gateway-next N          answer the next N finalize requests with an HTML 502
  --help                        show this text
";

fn main() -> ExitCode {
    let options = match parse(std::env::args().skip(1)) {
        Ok(Some(options)) => options,
        Ok(None) => {
            print!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Err(message) => {
            eprintln!("revendo-sandbox: {message}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };

    tracing_subscriber::fmt()
        .with_writer(std::io::stderr)
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info")),
        )
        .init();

    let runtime = match tokio::runtime::Builder::new_multi_thread().enable_all().build() {
        Ok(runtime) => runtime,
        Err(error) => {
            eprintln!("revendo-sandbox: cannot start the runtime: {error}");
            return ExitCode::FAILURE;
        }
    };
    runtime.block_on(run(options))
}

async fn run(options: Options) -> ExitCode {
    let sandbox = match Sandbox::start(options.listen, options.config).await {
        Ok(sandbox) => sandbox,
        Err(error) => {
            eprintln!("revendo-sandbox: {error}");
            return ExitCode::FAILURE;
        }
    };

    let mut stdout = std::io::stdout().lock();
    let lines = [
        format!("api_base={}", sandbox.api_base()),
        format!("finalize_url={}", sandbox.finalize_url()),
        format!("iframe_url={}", sandbox.iframe_url()),
        format!("origin={}", sandbox.origin()),
        format!("admin={}/sandbox/admin/", sandbox.origin()),
    ];
    for line in lines {
        let _ = writeln!(stdout, "{line}");
    }
    let _ = stdout.flush();
    drop(stdout);

    if let Err(error) = tokio::signal::ctrl_c().await {
        eprintln!("revendo-sandbox: cannot wait for Ctrl-C: {error}");
    }
    sandbox.shutdown().await;
    ExitCode::SUCCESS
}

/// The command line, parsed.
struct Options {
    listen: SocketAddr,
    config: SandboxConfig,
}

/// Parses the arguments; `Ok(None)` asks for the usage text.
fn parse(mut args: impl Iterator<Item = String>) -> Result<Option<Options>, String> {
    let mut listen: SocketAddr = ([127, 0, 0, 1], 8787).into();
    let mut config = SandboxConfig::default();
    let mut faults = Faults::default();

    while let Some(flag) = args.next() {
        if flag == "--help" || flag == "-h" {
            return Ok(None);
        }
        let value = args.next().ok_or_else(|| format!("{flag} needs a value"))?;
        let number = || value.parse::<u32>().map_err(|_| format!("{flag}: not a number: {value}"));
        match flag.as_str() {
            "--listen" => {
                listen = value.parse().map_err(|_| format!("--listen: not an address: {value}"))?;
            }
            "--api-key" => config.api_key = value.clone(),
            "--shape" => config.shape = value.parse::<ResponseShape>()?,
            "--offer-lifetime-minutes" => {
                config.offer_lifetime = Duration::from_secs(u64::from(number()?) * 60);
            }
            "--fail-next" => faults.fail_next = number()?,
            "--delay-ms" => faults.delay = Duration::from_millis(u64::from(number()?)),
            "--drop-next" => faults.drop_next = number()?,
            "--bad-gateway-next" => faults.bad_gateway_next = number()?,
            other => return Err(format!("unknown option {other}")),
        }
    }

    if !listen.ip().is_loopback() {
        return Err(format!("--listen {listen}: only loopback addresses are allowed"));
    }
    config.faults = faults;
    Ok(Some(Options { listen, config }))
}
