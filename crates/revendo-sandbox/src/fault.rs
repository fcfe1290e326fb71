//! The finalize endpoint over HTTP, with the injected faults around it.

use std::sync::Arc;

use hyper::Request;
use hyper::Response;
use hyper::body::Incoming;
use time::OffsetDateTime;
use tokio::time::Instant;

use crate::config::Faults;
use crate::finalize::{self, Rules};
use crate::http::{self, Body, BodyError};
use crate::server::Shared;
use crate::shape::Refusal;

/// The reason a connection was closed without a response: the drop fault.
#[derive(Debug, thiserror::Error)]
#[error("connection dropped on purpose by the sandbox's fault injection")]
pub(crate) struct Dropped;

/// The page a reverse proxy shows when the application behind it does not answer.
const BAD_GATEWAY_PAGE: &str = "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n\
<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n\
</body>\r\n</html>\r\n";

/// A fault that replaces the server's answer.
enum Replacement {
    BadGateway,
    InternalError,
}

/// Serves one finalize request: a replacing fault if one is due, otherwise the real
/// decision; then the delay; then, if due, the dropped connection.
pub(crate) async fn finalize(
    shared: &Arc<Shared>,
    request: Request<Incoming>,
) -> Result<Response<Body>, Dropped> {
    let api_key = request.headers().get("x-revendo-api-key").map(|key| key.as_bytes().to_vec());
    let shape = shared.shape();
    let body = match http::read_body(request).await {
        Ok(body) => body,
        Err(BodyError::Broken) => return Err(Dropped),
        Err(BodyError::TooLarge) => {
            let refusal = Refusal::new(413, "invalid_request", "Request body too large");
            return Ok(http::json_response(413, &refusal.body(shape)));
        }
    };

    let response = match take_replacement(shared) {
        Some(Replacement::BadGateway) => {
            tracing::info!("fault: answering with a proxy 502 page");
            http::respond(502, "text/html", BAD_GATEWAY_PAGE)
        }
        Some(Replacement::InternalError) => {
            tracing::info!("fault: answering with 500 internal_error");
            http::json_response(500, &Refusal::internal_error().body(shape))
        }
        None => {
            let rules = Rules { api_key: &shared.api_key, offer_lifetime: shared.offer_lifetime };
            let request = finalize::Request {
                api_key: api_key.as_deref(),
                body: &body,
                now: OffsetDateTime::now_utc(),
            };
            let answer = finalize::finalize(&mut shared.ledger(), &rules, shape, &request);
            http::json_response(answer.status, &answer.body)
        }
    };
    let drop_due = take_drop(shared);

    hold(shared).await;

    if drop_due {
        tracing::info!(status = %response.status(), "fault: dropping the connection");
        return Err(Dropped);
    }
    Ok(response)
}

fn take_replacement(shared: &Shared) -> Option<Replacement> {
    let mut taken = None;
    shared.faults.send_if_modified(|faults: &mut Faults| {
        if faults.bad_gateway_next > 0 {
            faults.bad_gateway_next -= 1;
            taken = Some(Replacement::BadGateway);
        } else if faults.fail_next > 0 {
            faults.fail_next -= 1;
            taken = Some(Replacement::InternalError);
        }
        taken.is_some()
    });
    taken
}

fn take_drop(shared: &Shared) -> bool {
    shared.faults.send_if_modified(|faults: &mut Faults| {
        let due = faults.drop_next > 0;
        if due {
            faults.drop_next -= 1;
        }
        due
    })
}

/// Waits until the configured delay has passed since now, re-reading it whenever the
/// faults are replaced, so that lowering the delay releases a held response.
async fn hold(shared: &Shared) {
    let held_since = Instant::now();
    let mut changes = shared.faults.subscribe();
    loop {
        let delay = changes.borrow_and_update().delay;
        if delay.is_zero() {
            return;
        }
        tokio::select! {
            _ = tokio::time::sleep_until(held_since + delay) => return,
            changed = changes.changed() => if changed.is_err() { return },
        }
    }
}
