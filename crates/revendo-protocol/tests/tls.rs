//! The client's TLS: Revendo is reached over https, verified against the certificates the
//! operating system trusts. A server whose certificate it does not trust (here one that
//! made its own) completes no handshake and receives no request.

mod support;

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use revendo_protocol::{ApiKey, FinalizeError, FinalizeRequest, NetworkFailure, Resolution};
use support::{RecordingJournal, SANDBOX_KEY, assert_private, customer, fast_client};
use tokio::io::AsyncReadExt;
use tokio::net::TcpListener;
use tokio_rustls::TlsAcceptor;
use tokio_rustls::rustls::ServerConfig;
use tokio_rustls::rustls::pki_types::{PrivateKeyDer, PrivatePkcs8KeyDer};

/// A TLS server on loopback for `localhost`, with a self-signed certificate. It counts
/// the handshakes that succeed and the request bytes it reads after one.
struct SelfSignedServer {
    port: u16,
    handshakes: Arc<AtomicUsize>,
    bytes_read: Arc<AtomicUsize>,
}

impl SelfSignedServer {
    async fn start() -> SelfSignedServer {
        let made = rcgen::generate_simple_self_signed(vec!["localhost".to_owned()])
            .expect("a self-signed certificate");
        let key = PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(made.signing_key.serialize_der()));
        let config = ServerConfig::builder()
            .with_no_client_auth()
            .with_single_cert(vec![made.cert.der().clone()], key)
            .expect("server TLS configuration");
        let acceptor = TlsAcceptor::from(Arc::new(config));

        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
        let port = listener.local_addr().expect("address").port();
        let handshakes = Arc::new(AtomicUsize::new(0));
        let bytes_read = Arc::new(AtomicUsize::new(0));
        let (completed, read) = (Arc::clone(&handshakes), Arc::clone(&bytes_read));
        tokio::spawn(async move {
            loop {
                let Ok((stream, _)) = listener.accept().await else { return };
                let Ok(mut tls) = acceptor.accept(stream).await else { continue };
                completed.fetch_add(1, Ordering::SeqCst);
                let mut buffer = vec![0u8; 4096];
                while let Ok(count @ 1..) = tls.read(&mut buffer).await {
                    read.fetch_add(count, Ordering::SeqCst);
                }
            }
        });
        SelfSignedServer { port, handshakes, bytes_read }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_server_with_a_certificate_the_system_does_not_trust_gets_no_request() {
    let server = SelfSignedServer::start().await;
    let client = fast_client(&format!("https://localhost:{}", server.port));
    let mut journal = RecordingJournal::default();
    let request = FinalizeRequest::new("11153269", "STORE-0031", customer());

    let error = client
        .finalize(&ApiKey::new(SANDBOX_KEY), &request, &mut journal)
        .await
        .expect_err("an untrusted certificate is refused");

    assert!(
        matches!(
            error,
            FinalizeError::Network {
                failure: NetworkFailure::CouldNotConnect,
                maybe_received: false,
                ..
            }
        ),
        "{error:?}"
    );
    assert_eq!(error.resolution(), Resolution::NotSent, "no byte of the order left the till");
    assert_eq!(server.handshakes.load(Ordering::SeqCst), 0, "no handshake completed");
    assert_eq!(server.bytes_read.load(Ordering::SeqCst), 0, "no request was read");
    assert!(!journal.started.is_empty(), "the client did try: {journal:?}");
    assert_private(&error, SANDBOX_KEY);
}
