//! What every integration test of the sandbox needs: a running sandbox, an HTTP client,
//! the published fixtures and a valid finalize request.

#![allow(dead_code, clippy::unwrap_used)]

use std::collections::BTreeSet;

use revendo_sandbox::{Offer, OfferSpec, ResponseShape, Sandbox, SandboxConfig};
use serde_json::Value;

pub const KEY: &str = SandboxConfig::DEFAULT_API_KEY;

/// Starts a sandbox on a free loopback port, speaking `shape`.
pub async fn start(shape: ResponseShape) -> Sandbox {
    let config = SandboxConfig { shape, ..SandboxConfig::default() };
    Sandbox::start("127.0.0.1:0".parse().unwrap(), config).await.unwrap()
}

/// A client that never goes through a proxy and keeps no connection across tests.
pub fn client() -> reqwest::Client {
    reqwest::Client::builder().no_proxy().build().unwrap()
}

/// A published example payload.
pub fn fixture(name: &str) -> Value {
    let path = format!("{}/../../fixtures/revendo/{name}", env!("CARGO_MANIFEST_DIR"));
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// The top-level keys of a JSON object.
pub fn keys(value: &Value) -> BTreeSet<String> {
    value.as_object().unwrap().keys().cloned().collect()
}

/// The published finalize request, for a given offer and partner order id.
pub fn request(offer_id: &str, partner_order_id: &str) -> Value {
    let mut body = fixture("finalize-request.json");
    body["offer_id"] = offer_id.into();
    body["partner_order_id"] = partner_order_id.into();
    body
}

/// A fresh offer, as the page creates it.
pub fn offer(sandbox: &Sandbox) -> Offer {
    sandbox.create_offer(OfferSpec::default()).unwrap()
}

/// Posts a JSON body to the finalize endpoint with the right key; returns status and body.
pub async fn finalize(sandbox: &Sandbox, body: &Value) -> (u16, Value) {
    finalize_raw(sandbox, Some(KEY), body.to_string()).await
}

/// Posts any text to the finalize endpoint, with or without a key.
pub async fn finalize_raw(sandbox: &Sandbox, key: Option<&str>, body: String) -> (u16, Value) {
    let mut post =
        client().post(sandbox.finalize_url()).header("content-type", "application/json").body(body);
    if let Some(key) = key {
        post = post.header("X-Revendo-API-Key", key);
    }
    let response = post.send().await.unwrap();
    let status = response.status().as_u16();
    (status, response.json().await.unwrap())
}

/// Posts JSON to one of the sandbox's own endpoints.
pub async fn post_json(sandbox: &Sandbox, path: &str, body: &Value) -> (u16, Value) {
    let response =
        client().post(format!("{}{path}", sandbox.origin())).json(body).send().await.unwrap();
    let status = response.status().as_u16();
    (status, response.json().await.unwrap())
}

/// Gets JSON from one of the sandbox's own endpoints.
pub async fn get_json(sandbox: &Sandbox, path: &str) -> (u16, Value) {
    let response = client().get(format!("{}{path}", sandbox.origin())).send().await.unwrap();
    let status = response.status().as_u16();
    (status, response.json().await.unwrap())
}
