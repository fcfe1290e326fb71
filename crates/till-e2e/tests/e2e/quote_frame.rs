//! Revendo's trade-in page when it cannot be had: without its hello the till tells staff
//! the trade-in is unavailable, and the retry brings the page back once Revendo is.

use till_e2e::relay::Relay;
use till_e2e::sandbox::StandaloneSandbox;
use till_e2e::till::Bench;
use till_e2e::trade_in::{IPHONE_13_VOUCHER, captured_quote, choose_device};

#[test]
fn a_trade_in_page_that_cannot_load_is_called_unavailable_and_the_retry_brings_it_back() {
    let bench = Bench::new("frame_unavailable").expect("bench");
    let sandbox = StandaloneSandbox::start(bench.artifacts(), &[]).expect("sandbox");
    // Revendo (page and API) behind a relay that is down when the till starts.
    let relay = Relay::start(&sandbox.address()).expect("relay to the simulation");
    let relayed = relay.api_base();
    let iframe_url = sandbox.iframe_url.replacen(&sandbox.origin, &relayed, 1);
    assert_ne!(iframe_url, sandbox.iframe_url, "the page goes through the relay");
    let down = relay.stop();

    let till = bench.launch_against(&relayed, &iframe_url).expect("till starts");
    assert!(
        !till.is_shown("tradein-unavailable").expect("notice"),
        "not called unavailable while the page may still be loading"
    );
    till.wait_shown("tradein-unavailable").expect("unavailable after the load timeout");
    till.screenshot(&bench.artifacts().file("unavailable.png")).expect("screenshot");

    let _relay = down.restart().expect("Revendo back on the same address");
    till.click_on("revendo-retry").expect("retry offered");

    till.wait_gone("tradein-unavailable").expect("the notice goes once the page says hello");
    choose_device(&till, "revendo-frame", &IPHONE_13_VOUCHER).expect("device chosen");
    captured_quote(&till).expect("quote captured");
}
