//! The client against answers the simulator does not give: a tiny scripted HTTP server
//! on loopback answers each connection with the next prepared response, and records
//! what it received.

mod support;

use std::sync::{Arc, Mutex};

use revendo_protocol::{
    ApiKey, FinalizeError, FinalizeRequest, NetworkFailure, Resolution, UnexpectedKind,
};
use support::{RecordingJournal, assert_private, customer, fast_client};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

/// One request as the server read it.
#[derive(Debug, Clone)]
struct Received {
    head: String,
    body: Vec<u8>,
}

/// Answers connection N with response N (the last one repeats), then closes it.
struct ScriptedServer {
    base: String,
    received: Arc<Mutex<Vec<Received>>>,
}

impl ScriptedServer {
    async fn start(responses: Vec<Vec<u8>>) -> ScriptedServer {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
        let base = format!("http://{}", listener.local_addr().expect("address"));
        let received = Arc::new(Mutex::new(Vec::new()));

        let log = Arc::clone(&received);
        tokio::spawn(async move {
            for served in 0.. {
                let Ok((mut stream, _)) = listener.accept().await else { return };
                let Some(request) = read_request(&mut stream).await else { continue };
                log.lock().expect("log").push(request);
                let response = &responses[served.min(responses.len() - 1)];
                let _ = stream.write_all(response).await;
                let _ = stream.shutdown().await;
            }
        });
        ScriptedServer { base, received }
    }

    fn received(&self) -> Vec<Received> {
        self.received.lock().expect("log").clone()
    }
}

async fn read_request(stream: &mut tokio::net::TcpStream) -> Option<Received> {
    let mut data = Vec::new();
    let mut buffer = [0u8; 4096];
    loop {
        let read = stream.read(&mut buffer).await.ok()?;
        if read == 0 {
            return None;
        }
        data.extend_from_slice(&buffer[..read]);
        let Some(end) = data.windows(4).position(|w| w == b"\r\n\r\n") else { continue };
        let head = String::from_utf8_lossy(&data[..end]).into_owned();
        let length = head
            .lines()
            .find_map(|line| {
                line.to_ascii_lowercase().strip_prefix("content-length:").map(str::to_owned)
            })
            .and_then(|value| value.trim().parse::<usize>().ok())
            .unwrap_or(0);
        if data.len() >= end + 4 + length {
            return Some(Received { head, body: data[end + 4..end + 4 + length].to_vec() });
        }
    }
}

fn response(status: &str, content_type: &str, body: &str) -> Vec<u8> {
    format!(
        "HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\n\
         Connection: close\r\n\r\n{body}",
        body.len()
    )
    .into_bytes()
}

const ORDER: &str = r#"{"success":true,"order_id":"W-0105185","status":"pending_device",
    "quote_amount":145.0,"currency":"CHF","created_at":"2025-10-17T13:19:47+00:00"}"#;

fn request() -> FinalizeRequest {
    FinalizeRequest::new("11153269", "STORE-0100", customer())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_attempt_sends_the_same_body_key_and_headers() {
    let server = ScriptedServer::start(vec![
        response("503 Service Unavailable", "application/json", "{}"),
        response("504 Gateway Timeout", "text/plain", "upstream timed out"),
        response("200 OK", "application/json", ORDER),
    ])
    .await;
    let mut journal = RecordingJournal::default();

    let order = fast_client(&server.base)
        .finalize(&ApiKey::new("sk_test_77"), &request(), &mut journal)
        .await
        .expect("third attempt");

    assert_eq!(order.order_id, "W-0105185");
    assert_eq!(journal.statuses(), [Some(503), Some(504), Some(200)]);
    let received = server.received();
    assert_eq!(received.len(), 3);
    let sent: serde_json::Value = serde_json::from_slice(&received[0].body).expect("json body");
    assert_eq!(sent["partner_order_id"], "STORE-0100");
    for attempt in &received {
        assert_eq!(attempt.body, received[0].body);
        let head = attempt.head.to_ascii_lowercase();
        assert!(head.starts_with("post /wp-json/revendo/v1/orders/finalize http/1.1"), "{head}");
        assert!(head.contains("x-revendo-api-key: sk_test_77"));
        assert!(head.contains("content-type: application/json"));
        assert!(head.contains("user-agent: revendo-pos/"));
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_200_that_is_not_json_is_unexpected_and_not_retried() {
    let server = ScriptedServer::start(vec![response("200 OK", "text/plain", "OK")]).await;

    let error = fast_client(&server.base)
        .finalize(&ApiKey::new("k"), &request(), &mut RecordingJournal::default())
        .await
        .expect_err("not json");

    assert_eq!(
        error,
        FinalizeError::UnexpectedResponse {
            status: 200,
            kind: UnexpectedKind::NotJson,
            attempts: 1
        }
    );
    assert_eq!(error.resolution(), Resolution::Unresolved);
    assert_eq!(server.received().len(), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_captive_portal_page_with_status_200_is_an_html_page() {
    let page = "<!DOCTYPE html><html><body>Please log in to Shop-WiFi</body></html>";
    let server = ScriptedServer::start(vec![response("200 OK", "text/html", page)]).await;

    let error = fast_client(&server.base)
        .finalize(&ApiKey::new("k"), &request(), &mut RecordingJournal::default())
        .await
        .expect_err("html");

    assert_eq!(
        error,
        FinalizeError::UnexpectedResponse {
            status: 200,
            kind: UnexpectedKind::HtmlPage,
            attempts: 1
        }
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_body_over_the_cap_is_not_read_whether_announced_or_chunked() {
    let huge = format!(r#"{{"order_id":"W-1","status":"x","pad":"{}"}}"#, "a".repeat(100 * 1024));
    let announced =
        ScriptedServer::start(vec![response("200 OK", "application/json", &huge)]).await;
    let mut chunked = b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n\
        Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
        .to_vec();
    for piece in huge.as_bytes().chunks(8192) {
        chunked.extend_from_slice(format!("{:x}\r\n", piece.len()).as_bytes());
        chunked.extend_from_slice(piece);
        chunked.extend_from_slice(b"\r\n");
    }
    chunked.extend_from_slice(b"0\r\n\r\n");
    let streamed = ScriptedServer::start(vec![chunked]).await;

    for server in [announced, streamed] {
        let error = fast_client(&server.base)
            .finalize(&ApiKey::new("k"), &request(), &mut RecordingJournal::default())
            .await
            .expect_err("too large");

        assert_eq!(
            error,
            FinalizeError::UnexpectedResponse {
                status: 200,
                kind: UnexpectedKind::TooLarge { limit: 64 * 1024 },
                attempts: 1
            }
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_redirect_is_not_followed() {
    let redirect = b"HTTP/1.1 301 Moved Permanently\r\nLocation: https://example.com/steal\r\n\
        Content-Length: 0\r\nConnection: close\r\n\r\n"
        .to_vec();
    let server = ScriptedServer::start(vec![redirect]).await;

    let error = fast_client(&server.base)
        .finalize(&ApiKey::new("k"), &request(), &mut RecordingJournal::default())
        .await
        .expect_err("redirect");

    assert_eq!(
        error,
        FinalizeError::UnexpectedResponse {
            status: 301,
            kind: UnexpectedKind::UnknownStatus,
            attempts: 1
        }
    );
    assert_eq!(server.received().len(), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_expiry_answered_to_a_retry_after_a_server_error_stays_unresolved() {
    let expired = r#"{"success":false,"error":"offer_expired",
        "message":"Quote has expired (>60 minutes old)","code":400}"#;
    let server = ScriptedServer::start(vec![
        response("500 Internal Server Error", "application/json", "{}"),
        response("400 Bad Request", "application/json", expired),
    ])
    .await;

    let error = fast_client(&server.base)
        .finalize(&ApiKey::new("k"), &request(), &mut RecordingJournal::default())
        .await
        .expect_err("expired");

    assert_eq!(error.code(), "offer_expired");
    assert_eq!(error.resolution(), Resolution::Unresolved);
    assert_eq!(server.received().len(), 2);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn refused_retries_after_a_request_that_went_unanswered_stay_unresolved() {
    // Reads the first request whole, then goes away without answering: the connection
    // closes and nothing listens at the address any more.
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let base = format!("http://{}", listener.local_addr().expect("address"));
    let server = tokio::spawn(async move {
        let (mut stream, _) = listener.accept().await.expect("first attempt");
        read_request(&mut stream).await.is_some()
    });

    let error = fast_client(&base)
        .finalize(&ApiKey::new("k"), &request(), &mut RecordingJournal::default())
        .await
        .expect_err("no answer");

    assert!(server.await.expect("server task"), "the first attempt reached the server");
    assert_eq!(
        error,
        FinalizeError::Network {
            failure: NetworkFailure::ConnectionRefused,
            attempts: 3,
            maybe_received: true
        }
    );
    assert_eq!(error.resolution(), Resolution::Unresolved, "the first attempt may have landed");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_server_message_that_echoes_customer_data_stays_out_of_display() {
    let echo = r#"{"code":"invalid_request",
        "message":"Invalid email anna.meier@example.ch for Meier","data":{"status":400}}"#;
    let server =
        ScriptedServer::start(vec![response("400 Bad Request", "application/json", echo)]).await;

    let error = fast_client(&server.base)
        .finalize(&ApiKey::new("sk_test_echo"), &request(), &mut RecordingJournal::default())
        .await
        .expect_err("400");

    assert_eq!(error.code(), "invalid_request");
    assert_eq!(error.server_message(), Some("Invalid email anna.meier@example.ch for Meier"));
    assert_eq!(error.resolution(), Resolution::Rejected);
    assert_private(&error, "sk_test_echo");
}
