//! What the client logs: the partner order id, attempt and status of every attempt, and
//! never the key or the customer's data.

mod support;

use std::fmt::{Debug, Write};
use std::sync::{Arc, Mutex};

use revendo_protocol::{ApiKey, FinalizeRequest};
use revendo_sandbox::{Faults, OfferSpec, ResponseShape, Sandbox, SandboxConfig};
use support::{RecordingJournal, SANDBOX_KEY, customer, fast_client};
use tracing::field::{Field, Visit};
use tracing::span::{Attributes, Id, Record};
use tracing::{Event, Metadata, Subscriber};

/// Writes every event's and span's fields into one text.
struct Capture(Arc<Mutex<String>>);

struct Fields<'a>(&'a mut String);

impl Visit for Fields<'_> {
    fn record_debug(&mut self, field: &Field, value: &dyn Debug) {
        let _ = write!(self.0, "{}={value:?} ", field.name());
    }
}

impl Subscriber for Capture {
    fn enabled(&self, _: &Metadata<'_>) -> bool {
        true
    }

    fn new_span(&self, span: &Attributes<'_>) -> Id {
        span.record(&mut Fields(&mut self.0.lock().expect("log")));
        Id::from_u64(1)
    }

    fn record(&self, _: &Id, values: &Record<'_>) {
        values.record(&mut Fields(&mut self.0.lock().expect("log")));
    }

    fn record_follows_from(&self, _: &Id, _: &Id) {}

    fn event(&self, event: &Event<'_>) {
        let mut log = self.0.lock().expect("log");
        let _ = write!(log, "{} ", event.metadata().level());
        event.record(&mut Fields(&mut log));
        log.push('\n');
    }

    fn enter(&self, _: &Id) {}

    fn exit(&self, _: &Id) {}
}

#[tokio::test(flavor = "current_thread")]
async fn logs_name_the_order_and_attempt_but_never_the_key_or_the_customer() {
    let log = Arc::new(Mutex::new(String::new()));
    let _guard = tracing::subscriber::set_default(Capture(Arc::clone(&log)));
    let config = SandboxConfig { shape: ResponseShape::Later, ..SandboxConfig::default() };
    let sandbox =
        Sandbox::start("127.0.0.1:0".parse().expect("address"), config).await.expect("start");
    let client = fast_client(&sandbox.api_base());
    let offer = sandbox.create_offer(OfferSpec::default()).expect("offer");
    let request = FinalizeRequest::new(offer.offer_id, "STORE-LOG-1", customer());

    sandbox.set_faults(Faults { fail_next: 2, ..Faults::default() });
    let order = client
        .finalize(&ApiKey::new(SANDBOX_KEY), &request, &mut RecordingJournal::default())
        .await;
    let refused = client
        .finalize(&ApiKey::new("sk_live_wrong_123"), &request, &mut RecordingJournal::default())
        .await;

    assert!(order.is_ok() && refused.is_err());
    let log = log.lock().expect("log").clone();
    assert!(log.contains("partner_order_id=STORE-LOG-1"), "{log}");
    assert!(log.contains("attempt=3"), "{log}");
    for private in
        [SANDBOX_KEY, "sk_live_wrong_123", "anna.meier", "Meier", "CH93", "+4179", "Limmatquai"]
    {
        assert!(!log.contains(private), "{private:?} logged:\n{log}");
    }
}
