//! A TCP relay between the till and the simulation (its API, its trade-in page or both),
//! so that a test can take "Revendo" off the network and bring it back on the same
//! address while the simulation keeps its offers and orders.
//!
//! While stopped, nothing listens on the relay's port: the till's connections are
//! refused, exactly as when Revendo's server is down.

use std::io::ErrorKind;
use std::net::{Shutdown, SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::thread::JoinHandle;
use std::time::Duration;

use crate::{Error, Result};

/// A running relay from a loopback port to `upstream`.
#[derive(Debug)]
pub struct Relay {
    address: SocketAddr,
    upstream: SocketAddr,
    stopping: Arc<AtomicBool>,
    connections: Arc<Mutex<Vec<TcpStream>>>,
    acceptor: Option<JoinHandle<()>>,
}

impl Relay {
    /// Relays a free loopback port to `upstream` (`127.0.0.1:PORT`).
    pub fn start(upstream: &str) -> Result<Relay> {
        let upstream = parse(upstream)?;
        Relay::listen(SocketAddr::from(([127, 0, 0, 1], 0)), upstream)
    }

    /// The base URL of the API behind the relay.
    pub fn api_base(&self) -> String {
        format!("http://{}", self.address)
    }

    /// Closes the port and every relayed connection: the server is down.
    pub fn stop(mut self) -> StoppedRelay {
        self.shut();
        StoppedRelay { address: self.address, upstream: self.upstream }
    }

    fn listen(address: SocketAddr, upstream: SocketAddr) -> Result<Relay> {
        let listener = TcpListener::bind(address).map_err(|error| relay_error(address, error))?;
        let address = listener.local_addr().map_err(|error| relay_error(address, error))?;
        listener.set_nonblocking(true).map_err(|error| relay_error(address, error))?;

        let stopping = Arc::new(AtomicBool::new(false));
        let connections = Arc::new(Mutex::new(Vec::new()));
        let acceptor = {
            let stopping = Arc::clone(&stopping);
            let connections = Arc::clone(&connections);
            std::thread::spawn(move || accept(&listener, upstream, &stopping, &connections))
        };
        Ok(Relay { address, upstream, stopping, connections, acceptor: Some(acceptor) })
    }

    fn shut(&mut self) {
        self.stopping.store(true, Ordering::SeqCst);
        if let Some(acceptor) = self.acceptor.take() {
            let _ = acceptor.join();
        }
        let connections = self.connections.lock().unwrap_or_else(PoisonError::into_inner);
        for stream in connections.iter() {
            let _ = stream.shutdown(Shutdown::Both);
        }
    }
}

impl Drop for Relay {
    fn drop(&mut self) {
        self.shut();
    }
}

/// A relay taken down, ready to come back on the same port.
#[derive(Debug)]
pub struct StoppedRelay {
    address: SocketAddr,
    upstream: SocketAddr,
}

impl StoppedRelay {
    /// Listens again on the same port: the server is back.
    pub fn restart(self) -> Result<Relay> {
        Relay::listen(self.address, self.upstream)
    }
}

fn accept(
    listener: &TcpListener,
    upstream: SocketAddr,
    stopping: &AtomicBool,
    connections: &Mutex<Vec<TcpStream>>,
) {
    while !stopping.load(Ordering::SeqCst) {
        match listener.accept() {
            Ok((client, _)) => {
                if let Ok(pair) = connect(client, upstream) {
                    connections.lock().unwrap_or_else(PoisonError::into_inner).extend(pair);
                }
            }
            Err(error) if error.kind() == ErrorKind::WouldBlock => {
                std::thread::sleep(Duration::from_millis(20));
            }
            Err(_) => std::thread::sleep(Duration::from_millis(20)),
        }
    }
}

/// Joins `client` to a new connection to `upstream`, one copying thread per direction;
/// returns both streams so that stopping can cut them.
fn connect(client: TcpStream, upstream: SocketAddr) -> std::io::Result<[TcpStream; 2]> {
    client.set_nonblocking(false)?;
    let server = TcpStream::connect(upstream)?;
    let copies =
        [(client.try_clone()?, server.try_clone()?), (server.try_clone()?, client.try_clone()?)];
    for (mut from, mut to) in copies {
        std::thread::spawn(move || {
            let _ = std::io::copy(&mut from, &mut to);
            let _ = to.shutdown(Shutdown::Write);
        });
    }
    Ok([client, server])
}

fn parse(address: &str) -> Result<SocketAddr> {
    address.parse().map_err(|_| Error::Unexpected {
        from: "relay".into(),
        detail: format!("not an address: {address}"),
    })
}

fn relay_error(address: SocketAddr, error: std::io::Error) -> Error {
    Error::Process { what: format!("relay on {address}"), message: error.to_string() }
}
