//! One finalize round trip through the client against the sandbox, beside a bare reqwest
//! POST of the same body to the same sandbox in the same run.
//!
//! Both sides are measured interleaved (client, bare, bare, client, …) so that drift of a
//! shared machine hits both alike, and both make the server do the same work:
//!
//! - `409`: the same partner order id every time; the server looks it up and answers
//!   with the existing order;
//! - `200`: a new offer (created in-process, outside the timed part) and a new partner
//!   order id every time; the server creates an order.
//!
//! The bare side serializes the request and reads the whole body, as any caller must; it
//! does not parse the answer. The figure of merit is the ratio of the medians; the goal
//! is at most 1.10. The cost of reading the answer alone is printed beside it.

use std::time::{Duration, Instant};

use revendo_protocol::{
    ApiKey, ClientConfig, CustomerInput, FinalizeRequest, RevendoClient, TrackingUrlPattern,
    Unobserved, parse_finalize_response,
};
use revendo_sandbox::{OfferSpec, Sandbox, SandboxConfig};

const WARMUP: usize = 200;
const ROUNDS: usize = 5000;

fn main() {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("tokio runtime");
    runtime.block_on(run());
}

struct Sides {
    client: RevendoClient,
    bare: reqwest::Client,
    sandbox: Sandbox,
    key: ApiKey,
}

async fn run() {
    let sandbox = Sandbox::start("127.0.0.1:0".parse().expect("address"), SandboxConfig::default())
        .await
        .expect("sandbox");
    let sides = Sides {
        client: RevendoClient::new(ClientConfig::new(sandbox.api_base())).expect("client"),
        bare: reqwest::Client::builder().no_proxy().build().expect("bare client"),
        key: ApiKey::new(SandboxConfig::DEFAULT_API_KEY),
        sandbox,
    };

    let existing = request(&sides.sandbox, "BENCH-409".to_owned());
    sides.client.finalize(&sides.key, &existing, &mut Unobserved).await.expect("first order");
    let (client, bare) = measure(&sides, |_| existing.clone()).await;
    report("409 existing order", &client, &bare);
    report_parsing(&sides).await;

    let (client, bare) =
        measure(&sides, |n| request(&sides.sandbox, format!("BENCH-200-{n}"))).await;
    report("200 new order", &client, &bare);
}

/// Times `ROUNDS` finalize calls of each side, interleaved, after `WARMUP` untimed ones.
async fn measure(
    sides: &Sides,
    next_request: impl Fn(usize) -> FinalizeRequest,
) -> (Vec<Duration>, Vec<Duration>) {
    let url = sides.client.finalize_url().clone();
    let mut client_times = Vec::with_capacity(ROUNDS);
    let mut bare_times = Vec::with_capacity(ROUNDS);

    for round in 0..WARMUP + ROUNDS {
        let through_client = next_request(2 * round);
        let through_bare = next_request(2 * round + 1);

        let timed_client = async {
            let started = Instant::now();
            let order = sides.client.finalize(&sides.key, &through_client, &mut Unobserved).await;
            assert!(order.is_ok(), "{order:?}");
            started.elapsed()
        };
        let timed_bare = async {
            let started = Instant::now();
            let body = serde_json::to_vec(&through_bare).expect("json");
            let response = sides
                .bare
                .post(url.clone())
                .header("X-Revendo-API-Key", sides.key.expose())
                .header("Content-Type", "application/json")
                .body(body)
                .send()
                .await
                .expect("bare POST");
            let status = response.status().as_u16();
            let body = response.bytes().await.expect("bare body");
            assert!(matches!(status, 200 | 409) && !body.is_empty());
            started.elapsed()
        };

        let (client, bare) = if round % 2 == 0 {
            let client = timed_client.await;
            (client, timed_bare.await)
        } else {
            let bare = timed_bare.await;
            (timed_client.await, bare)
        };
        if round >= WARMUP {
            client_times.push(client);
            bare_times.push(bare);
        }
    }
    (client_times, bare_times)
}

/// The median time of reading one 409 answer (seed shape) into an order.
async fn report_parsing(sides: &Sides) {
    let body = sides
        .bare
        .post(sides.client.finalize_url().clone())
        .header("X-Revendo-API-Key", sides.key.expose())
        .body(serde_json::to_vec(&request(&sides.sandbox, "BENCH-409".to_owned())).expect("json"))
        .send()
        .await
        .expect("POST")
        .bytes()
        .await
        .expect("body");
    let pattern = TrackingUrlPattern::default();
    let times: Vec<Duration> = (0..ROUNDS)
        .map(|_| {
            let started = Instant::now();
            let order = parse_finalize_response(409, &body, &pattern);
            assert!(order.is_ok());
            started.elapsed()
        })
        .collect();
    println!("reading a 409 answer alone: median {:?}", quantile(&times, 0.5));
}

fn request(sandbox: &Sandbox, partner_order_id: String) -> FinalizeRequest {
    let offer = sandbox.create_offer(OfferSpec::default()).expect("offer");
    let customer = CustomerInput {
        email: "bench@example.ch".into(),
        first_name: "Bench".into(),
        last_name: "Mark".into(),
        phone: "079 123 45 67".into(),
        iban: "CH9300762011623852957".into(),
        street: "Bahnhofstrasse 1".into(),
        zip: "8001".into(),
        city: "Zürich".into(),
        country: "CH".into(),
    }
    .validate()
    .expect("valid customer");
    FinalizeRequest::new(offer.offer_id, partner_order_id, customer)
}

fn report(name: &str, client: &[Duration], bare: &[Duration]) {
    let (client_median, bare_median) = (quantile(client, 0.5), quantile(bare, 0.5));
    let ratio = client_median.as_secs_f64() / bare_median.as_secs_f64();
    println!(
        "{name}: client median {:?} (p10 {:?}, p90 {:?}), bare median {:?} (p10 {:?}, p90 {:?}), \
         ratio {ratio:.3} over {} rounds — goal ≤ 1.10: {}",
        client_median,
        quantile(client, 0.1),
        quantile(client, 0.9),
        bare_median,
        quantile(bare, 0.1),
        quantile(bare, 0.9),
        client.len(),
        if ratio <= 1.10 { "met" } else { "NOT met" }
    );
}

fn quantile(times: &[Duration], q: f64) -> Duration {
    let mut sorted = times.to_vec();
    sorted.sort();
    let index = ((sorted.len() - 1) as f64 * q).round() as usize;
    sorted[index]
}
