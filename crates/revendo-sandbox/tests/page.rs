//! The trade-in page, its endpoints, and the admin endpoints, over real loopback HTTP.

#![allow(clippy::unwrap_used)]

mod common;

use common::{finalize, get_json, post_json, request};
use revendo_sandbox::ResponseShape::*;
use serde_json::{Value, json};

async fn get(url: String) -> (u16, String, String) {
    let response = common::client().get(url).send().await.unwrap();
    let status = response.status().as_u16();
    let content_type = response.headers()["content-type"].to_str().unwrap().to_owned();
    (status, content_type, response.text().await.unwrap())
}

fn cracked_iphone(payout: &str) -> Value {
    json!({
        "product_id": 101,
        "answers": {"screen": "cracked", "battery": "weak", "packaging": "included"},
        "payout": payout,
    })
}

#[tokio::test]
async fn the_page_is_served_with_iframe_1_and_refused_without_it() {
    let sandbox = common::start(Seed).await;
    let bare = format!("{}/sell-a-device-iframe/", sandbox.origin());

    let (status, content_type, page) = get(sandbox.iframe_url()).await;
    let (refused, _, explanation) = get(bare).await;

    assert_eq!(status, 200);
    assert!(content_type.starts_with("text/html"));
    assert!(page.contains(r#"<script src="/sandbox/assets/trade-in.js" defer></script>"#));
    assert_eq!(refused, 400);
    assert!(explanation.contains("iframe=1"));
}

#[tokio::test]
async fn the_page_s_script_and_style_come_from_the_same_server() {
    let sandbox = common::start(Seed).await;

    let script = get(format!("{}/sandbox/assets/trade-in.js", sandbox.origin())).await;
    let style = get(format!("{}/sandbox/assets/trade-in.css", sandbox.origin())).await;

    assert_eq!((script.0, style.0), (200, 200));
    assert!(script.1.starts_with("text/javascript"));
    assert!(script.2.contains("revendo_device_selected"));
    assert!(style.1.starts_with("text/css"));
}

#[test]
fn the_page_never_sets_html_from_data() {
    let script = include_str!("../assets/trade-in.js");

    assert!(!script.contains("innerHTML") && !script.contains("insertAdjacentHTML"));
}

#[tokio::test]
async fn the_catalogue_lists_the_hostile_device_only_when_asked() {
    let sandbox = common::start(Seed).await;

    let (_, plain) = get_json(&sandbox, "/sandbox/catalogue").await;
    let (_, hostile) = get_json(&sandbox, "/sandbox/catalogue?catalog=hostile").await;

    let names = |catalogue: &Value| -> Vec<String> {
        catalogue["categories"]
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|category| category["devices"].as_array().unwrap().clone())
            .map(|device| device["name"].as_str().unwrap().to_owned())
            .collect()
    };
    let markup = "iPhone <img src=x onerror=alert(1)> 13".to_owned();
    assert_eq!(names(&plain).len(), 12);
    assert!(!names(&plain).contains(&markup));
    assert!(names(&hostile).contains(&markup));
}

#[tokio::test]
async fn prices_come_from_the_server_without_creating_an_offer() {
    let sandbox = common::start(Seed).await;

    let (status, prices) = post_json(&sandbox, "/sandbox/prices", &cracked_iphone("cash")).await;

    assert_eq!(status, 200);
    assert_eq!(prices["price"], json!({"base": 260.0, "final_cash": 130.0, "final_coupon": 143.0}));
    assert_eq!(
        prices["deductions"],
        json!([{"label": "Screen damage", "amount": -104.0},
        {"label": "Weak battery", "amount": -39.0}])
    );
    assert_eq!(prices["bonuses"], json!([{"label": "Original packaging", "amount": 13.0}]));
    assert!(sandbox.offers().is_empty());
}

#[tokio::test]
async fn a_quote_from_the_page_is_an_offer_the_api_accepts() {
    let sandbox = common::start(Later).await;

    let (status, details) = post_json(&sandbox, "/sandbox/quotes", &cracked_iphone("cash")).await;
    let offer_id = details["offer_id"].as_str().unwrap();
    let (finalized, order) = finalize(&sandbox, &request(offer_id, "STORE-1")).await;

    assert_eq!(status, 200);
    assert!(details["price_id"].as_str().unwrap().ends_with("-tmp"));
    assert_eq!(details["product"], json!({"id": 101, "name": "iPhone 13 128GB", "quantity": 1}));
    assert_eq!(details["coupons"], json!([]));
    assert_eq!(finalized, 200);
    assert_eq!(order["quote_amount"], json!(130.0));
}

#[tokio::test]
async fn switching_to_the_voucher_after_adding_changes_the_order_amount() {
    let sandbox = common::start(Seed).await;
    let (_, details) = post_json(&sandbox, "/sandbox/quotes", &cracked_iphone("cash")).await;
    let offer_id = details["offer_id"].as_str().unwrap();

    let switch = json!({"offer_ids": [offer_id], "payout": "voucher"});
    let (status, chosen) = post_json(&sandbox, "/sandbox/quotes/payout", &switch).await;
    let (_, order) = finalize(&sandbox, &request(offer_id, "STORE-1")).await;

    assert_eq!((status, &chosen["chosen"]), (200, &json!(1)));
    assert_eq!(order["quote_amount"], json!(143.0));
}

#[tokio::test]
async fn a_hostile_product_name_is_kept_verbatim_in_the_offer() {
    let sandbox = common::start(Seed).await;

    let (_, details) = post_json(&sandbox, "/sandbox/quotes", &json!({"product_id": 999})).await;

    assert_eq!(details["product"]["name"], "iPhone <img src=x onerror=alert(1)> 13");
}

#[tokio::test]
async fn the_sandbox_s_post_endpoints_accept_only_json() {
    let sandbox = common::start(Seed).await;

    let response = common::client()
        .post(format!("{}/sandbox/admin/faults", sandbox.origin()))
        .header("content-type", "application/x-www-form-urlencoded")
        .body("fail_next=3")
        .send()
        .await
        .unwrap();

    assert_eq!(response.status(), 415);
    assert_eq!(sandbox.faults().fail_next, 0);
}

#[tokio::test]
async fn the_admin_list_of_orders_shows_ids_but_no_customer_data() {
    let sandbox = common::start(Seed).await;
    let offer = common::offer(&sandbox);
    let (_, created) = finalize(&sandbox, &request(&offer.offer_id, "STORE-7")).await;

    let (status, orders) = get_json(&sandbox, "/sandbox/admin/orders").await;

    assert_eq!(status, 200);
    assert_eq!(orders[0]["partner_order_id"], "STORE-7");
    assert_eq!(orders[0]["web_id"], created["web_id"]);
    assert!(!orders.to_string().contains("customer@example.com"));
    assert_eq!(sandbox.orders()[0].customer["email"], "customer@example.com");
}

#[tokio::test]
async fn the_admin_endpoint_switches_the_response_shape() {
    let sandbox = common::start(Seed).await;
    let offer = common::offer(&sandbox);

    let (status, shape) =
        post_json(&sandbox, "/sandbox/admin/shape", &json!({"shape": "later"})).await;
    let (_, order) = finalize(&sandbox, &request(&offer.offer_id, "STORE-1")).await;

    assert_eq!((status, shape), (200, json!({"shape": "later"})));
    assert!(order["order_id"].is_string());
}

#[tokio::test]
async fn a_back_dated_offer_from_the_admin_endpoint_is_expired() {
    let sandbox = common::start(Seed).await;

    let (status, details) =
        post_json(&sandbox, "/sandbox/admin/offers", &json!({"age_seconds": 3601 + 60})).await;
    let (listed, offers) = get_json(&sandbox, "/sandbox/admin/offers").await;
    let (_, refusal) =
        finalize(&sandbox, &request(details["offer_id"].as_str().unwrap(), "STORE-1")).await;

    assert_eq!((status, listed), (200, 200));
    assert_eq!(offers[0]["offer_id"], details["offer_id"]);
    assert_eq!(refusal["error"], "offer_expired");
}

#[tokio::test]
async fn one_connection_serves_several_requests() {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};

    let sandbox = common::start(Seed).await;
    let mut stream = tokio::net::TcpStream::connect(sandbox.addr()).await.unwrap();
    let get = "GET /sandbox/admin/shape HTTP/1.1\r\nHost: sandbox\r\n\r\n";

    let mut answers = String::new();
    for round in 1..=2 {
        stream.write_all(get.as_bytes()).await.unwrap();
        while answers.matches(r#"{"shape":"seed"}"#).count() < round {
            let mut buffer = [0; 1024];
            let read = stream.read(&mut buffer).await.unwrap();
            assert!(read > 0, "the connection was closed after {answers}");
            answers.push_str(&String::from_utf8_lossy(&buffer[..read]));
        }
    }

    assert_eq!(answers.matches("HTTP/1.1 200 OK").count(), 2, "{answers}");
}
