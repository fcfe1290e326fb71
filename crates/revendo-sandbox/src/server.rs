//! The running sandbox: the listener, its connections, and the routing of requests.

use std::net::SocketAddr;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use hyper::body::Incoming;
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper::{Method, Request, Response};
use hyper_util::rt::TokioIo;
use serde_json::json;
use time::OffsetDateTime;
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{oneshot, watch};
use tokio::task::{JoinHandle, JoinSet};

use crate::config::{Faults, ResponseShape, SandboxConfig};
use crate::http::{self, Body};
use crate::ledger::{Ledger, Offer, OfferSpec, SandboxOrder};
use crate::{Error, FINALIZE_PATH, IFRAME_PATH, Result, admin, catalogue, fault, page};

/// A running sandbox on a loopback port. Dropping it (or [`Sandbox::shutdown`]) stops the
/// server and closes every open connection, which is also how a test makes the API "down".
pub struct Sandbox {
    addr: SocketAddr,
    shared: Arc<Shared>,
    stop: Option<oneshot::Sender<()>>,
    task: Option<JoinHandle<()>>,
}

/// The state every request handler sees.
pub(crate) struct Shared {
    pub api_key: String,
    pub offer_lifetime: Duration,
    pub ledger: Mutex<Ledger>,
    pub shape: Mutex<ResponseShape>,
    pub faults: watch::Sender<Faults>,
}

impl Shared {
    /// The records; a handler that panicked while holding them cannot leave them half
    /// written (every change is one push or one assignment), so poisoning is ignored.
    pub fn ledger(&self) -> MutexGuard<'_, Ledger> {
        self.ledger.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    pub fn shape(&self) -> ResponseShape {
        *self.shape.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    pub fn set_shape(&self, shape: ResponseShape) {
        *self.shape.lock().unwrap_or_else(|poisoned| poisoned.into_inner()) = shape;
    }

    /// Creates an offer as the page would, `age` in the past; `None` for an unknown product.
    pub fn create_offer(&self, spec: &OfferSpec) -> Option<Offer> {
        let device = catalogue::device_by_id(spec.product_id)?;
        let created_at = OffsetDateTime::now_utc() - spec.age;
        Some(self.ledger().create_offer(device, spec.answers, spec.payout, created_at))
    }
}

impl Sandbox {
    /// Starts serving on `listen` (port 0 picks a free port) in the current tokio runtime.
    ///
    /// Fails with [`Error::NotLoopback`] for any address beyond loopback, and with
    /// [`Error::Bind`] when the port cannot be opened.
    pub async fn start(listen: SocketAddr, config: SandboxConfig) -> Result<Sandbox> {
        if !listen.ip().is_loopback() {
            return Err(Error::NotLoopback(listen));
        }
        let bind_error = |source| Error::Bind { addr: listen, source };
        let listener = TcpListener::bind(listen).await.map_err(bind_error)?;
        let addr = listener.local_addr().map_err(bind_error)?;

        let shared = Arc::new(Shared {
            api_key: config.api_key,
            offer_lifetime: config.offer_lifetime,
            ledger: Mutex::new(Ledger::new()),
            shape: Mutex::new(config.shape),
            faults: watch::Sender::new(config.faults),
        });
        let (stop, stopped) = oneshot::channel();
        let task = tokio::spawn(accept(listener, Arc::clone(&shared), stopped));
        tracing::info!(%addr, shape = ?config.shape, "sandbox listening");

        Ok(Sandbox { addr, shared, stop: Some(stop), task: Some(task) })
    }

    /// The address the sandbox listens on.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// The API base to configure in a client, e.g. `http://127.0.0.1:41234`; the finalize
    /// endpoint is this plus [`FINALIZE_PATH`].
    pub fn api_base(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// The origin the page's messages come from (the same as the API base).
    pub fn origin(&self) -> String {
        self.api_base()
    }

    /// The URL of the trade-in page to load in an iframe.
    pub fn iframe_url(&self) -> String {
        format!("{}{IFRAME_PATH}", self.origin())
    }

    /// The full URL of the finalize endpoint.
    pub fn finalize_url(&self) -> String {
        format!("{}{FINALIZE_PATH}", self.api_base())
    }

    /// Every order the server holds, oldest first.
    pub fn orders(&self) -> Vec<SandboxOrder> {
        self.shared.ledger().orders().to_vec()
    }

    /// Every offer created so far, oldest first.
    pub fn offers(&self) -> Vec<Offer> {
        self.shared.ledger().offers().to_vec()
    }

    /// Creates an offer exactly as the page does, optionally back-dated by `spec.age` to
    /// test expiry. `None` when `spec.product_id` is not in the catalogue.
    pub fn create_offer(&self, spec: OfferSpec) -> Option<Offer> {
        self.shared.create_offer(&spec)
    }

    /// Replaces the active faults, as `POST /sandbox/admin/faults` does; held responses
    /// are re-timed against the new delay.
    pub fn set_faults(&self, faults: Faults) {
        self.shared.faults.send_replace(faults);
    }

    /// The faults still active (counters go down as faults are served).
    pub fn faults(&self) -> Faults {
        self.shared.faults.borrow().clone()
    }

    /// Switches the response shape of the API, as `POST /sandbox/admin/shape` does.
    pub fn set_shape(&self, shape: ResponseShape) {
        self.shared.set_shape(shape);
    }

    /// Stops the server and waits until its listener and connections are closed.
    pub async fn shutdown(mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(task) = self.task.take() {
            let _ = task.await;
        }
    }
}

impl std::fmt::Debug for Sandbox {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        formatter.debug_struct("Sandbox").field("addr", &self.addr).finish_non_exhaustive()
    }
}

impl Drop for Sandbox {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
    }
}

/// Accepts connections until told to stop, then closes all of them.
async fn accept(listener: TcpListener, shared: Arc<Shared>, mut stopped: oneshot::Receiver<()>) {
    let mut connections = JoinSet::new();
    loop {
        tokio::select! {
            _ = &mut stopped => break,
            accepted = listener.accept() => match accepted {
                Ok((stream, _)) => {
                    connections.spawn(serve(stream, Arc::clone(&shared)));
                }
                Err(error) => {
                    tracing::warn!(%error, "accepting a connection failed");
                    tokio::time::sleep(Duration::from_millis(50)).await;
                }
            },
            Some(_) = connections.join_next(), if !connections.is_empty() => {}
        }
    }
    connections.shutdown().await;
    tracing::info!("sandbox stopped");
}

/// Serves one HTTP/1.1 connection, with keep-alive.
async fn serve(stream: TcpStream, shared: Arc<Shared>) {
    let service = service_fn(move |request| route(Arc::clone(&shared), request));
    if let Err(error) = http1::Builder::new().serve_connection(TokioIo::new(stream), service).await
    {
        tracing::debug!(%error, "connection closed");
    }
}

/// Sends each request to its endpoint. An `Err` makes hyper close the connection without
/// a response; only the drop fault uses it.
async fn route(
    shared: Arc<Shared>,
    request: Request<Incoming>,
) -> std::result::Result<Response<Body>, fault::Dropped> {
    let path = request.uri().path().to_owned();
    tracing::debug!(method = %request.method(), %path, "request");

    let response = match (request.method(), path.as_str()) {
        (&Method::POST, FINALIZE_PATH) => return fault::finalize(&shared, request).await,
        (_, FINALIZE_PATH) => no_route(),
        (_, p) if p.starts_with("/wp-json/") => no_route(),
        (&Method::GET, "/") => page::index(),
        (_, p) if p.starts_with("/sandbox/admin/") => admin::route(&shared, request).await,
        _ => page::route(&shared, request).await,
    };
    Ok(response)
}

/// WordPress's own answer for an unknown REST route or method.
fn no_route() -> Response<Body> {
    let body = json!({
        "code": "rest_no_route",
        "message": "No route was found matching the URL and request method.",
        "data": {"status": 404},
    });
    http::json_response(404, &body)
}
