//! Small pieces of HTTP shared by the endpoints: building responses and reading bodies.

use http_body_util::{BodyExt, Full, Limited};
use hyper::body::{Bytes, Incoming};
use hyper::header::{CONTENT_TYPE, HeaderValue};
use hyper::{Request, Response, StatusCode};
use serde::de::DeserializeOwned;
use serde_json::{Value, json};

/// Every response body of the sandbox is complete before it is sent.
pub(crate) type Body = Full<Bytes>;

/// The largest request body read; anything longer is refused with 413.
pub(crate) const BODY_LIMIT: usize = 256 * 1024;

/// A response with a body and a content type.
pub(crate) fn respond(
    status: u16,
    content_type: &'static str,
    body: impl Into<Bytes>,
) -> Response<Body> {
    let mut response = Response::new(Full::new(body.into()));
    *response.status_mut() =
        StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    response.headers_mut().insert(CONTENT_TYPE, HeaderValue::from_static(content_type));
    response.headers_mut().insert("x-content-type-options", HeaderValue::from_static("nosniff"));
    response
}

/// A JSON response, as WordPress sends it.
pub(crate) fn json_response(status: u16, body: &Value) -> Response<Body> {
    respond(status, "application/json; charset=UTF-8", body.to_string())
}

/// A plain-text response for the sandbox's own endpoints.
pub(crate) fn text(status: u16, message: &str) -> Response<Body> {
    respond(status, "text/plain; charset=utf-8", message.to_owned())
}

/// A JSON error of the sandbox's own endpoints: `{"error": message}`.
pub(crate) fn json_error(status: u16, message: &str) -> Response<Body> {
    json_response(status, &json!({"error": message}))
}

/// Why a request body could not be read.
pub(crate) enum BodyError {
    /// It is longer than [`BODY_LIMIT`].
    TooLarge,
    /// The connection failed while reading it.
    Broken,
}

/// Reads a whole request body, up to [`BODY_LIMIT`].
pub(crate) async fn read_body(request: Request<Incoming>) -> Result<Bytes, BodyError> {
    match Limited::new(request.into_body(), BODY_LIMIT).collect().await {
        Ok(collected) => Ok(collected.to_bytes()),
        Err(error) if error.is::<http_body_util::LengthLimitError>() => Err(BodyError::TooLarge),
        Err(_) => Err(BodyError::Broken),
    }
}

/// Reads the JSON body of a sandbox endpoint. Only `application/json` is accepted, so a
/// foreign web page cannot post to the sandbox with a simple cross-site form.
pub(crate) async fn read_json<T: DeserializeOwned>(
    request: Request<Incoming>,
) -> Result<T, Response<Body>> {
    let is_json = request
        .headers()
        .get(CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .is_some_and(|value| value.trim_start().starts_with("application/json"));
    if !is_json {
        return Err(json_error(415, "expected Content-Type: application/json"));
    }

    let bytes = match read_body(request).await {
        Ok(bytes) => bytes,
        Err(BodyError::TooLarge) => return Err(json_error(413, "request body too large")),
        Err(BodyError::Broken) => return Err(json_error(400, "request body could not be read")),
    };
    serde_json::from_slice(&bytes)
        .map_err(|error| json_error(400, &format!("invalid JSON: {error}")))
}

/// The query string's value for `key`, if present.
pub(crate) fn query_param<'a>(query: Option<&'a str>, key: &str) -> Option<&'a str> {
    query?.split('&').find_map(|pair| {
        let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
        (name == key).then_some(value)
    })
}
