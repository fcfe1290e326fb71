//! A simulation of Revendo on loopback: the trade-in iframe page and the order API.
//!
//! Revendo itself cannot be reached from a store's test machines, so the till, its demo
//! mode and every integration test run against this simulation instead. It serves, on one
//! loopback port:
//!
//! - `POST /wp-json/revendo/v1/orders/finalize`, the order API, speaking either published
//!   response shape ([`ResponseShape`]);
//! - `GET /sell-a-device-iframe/?iframe=1`, a small trade-in page that posts the published
//!   `revendo_*` messages to its parent and creates the offers the API then accepts;
//! - `/sandbox/…`, the page's own endpoints and an admin surface for fault injection
//!   ([`Faults`]) and inspection.
//!
//! ```no_run
//! # async fn demo() -> revendo_sandbox::Result<()> {
//! use revendo_sandbox::{Sandbox, SandboxConfig};
//!
//! let sandbox = Sandbox::start("127.0.0.1:0".parse().unwrap(), SandboxConfig::default()).await?;
//! println!("API at {}, iframe at {}", sandbox.api_base(), sandbox.iframe_url());
//! sandbox.shutdown().await;
//! # Ok(())
//! # }
//! ```

mod admin;
mod catalogue;
mod config;
mod fault;
mod finalize;
mod http;
mod ledger;
mod page;
mod server;
mod shape;
mod zurich;

pub use catalogue::{Adjustment, Answers, Battery, Packaging, Payout, Screen};
pub use config::{Faults, ResponseShape, SandboxConfig};
pub use ledger::{Offer, OfferSpec, SandboxOrder};
pub use server::Sandbox;

/// The path of the finalize endpoint, relative to the API base.
pub const FINALIZE_PATH: &str = "/wp-json/revendo/v1/orders/finalize";

/// The path and query of the trade-in iframe page, relative to the origin.
pub const IFRAME_PATH: &str = "/sell-a-device-iframe/?iframe=1";

/// What can go wrong when starting the sandbox.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The listen address is not a loopback address; the sandbox never serves beyond the
    /// machine it runs on.
    #[error("refusing to listen on {0}: the sandbox serves on loopback addresses only")]
    NotLoopback(std::net::SocketAddr),

    /// The listening socket could not be opened (port taken, permission denied).
    #[error("cannot listen on {addr}: {source}")]
    Bind {
        /// The address that was asked for.
        addr: std::net::SocketAddr,
        /// Why the operating system refused it.
        source: std::io::Error,
    },
}

/// The result of starting the sandbox.
pub type Result<T> = std::result::Result<T, Error>;

#[cfg(test)]
mod tests {
    use super::SandboxConfig;

    #[test]
    fn the_configuration_never_prints_its_key() {
        let config = SandboxConfig { api_key: "secret-key-123".into(), ..SandboxConfig::default() };

        assert!(!format!("{config:?}").contains("secret-key-123"));
    }
}
