use serde_json::json;

use super::*;

fn fixture(name: &str) -> Value {
    let path = format!("{}/../../fixtures/revendo/{name}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn parse(name: &str) -> IframeEvent {
    IframeEvent::parse(&fixture(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

#[test]
fn the_later_device_selection_sends_the_offer_id_with_exact_amounts() {
    let IframeEvent::DeviceSelected { quote } = parse("event-device-selected-later.json") else {
        panic!("not a device selection")
    };

    assert_eq!(quote.offer_id, "11153269");
    assert_eq!(quote.price_id.as_deref(), Some("123-tmp"));
    assert!(!quote.temporary);
    assert_eq!(
        quote.product,
        Product { id: Some("123".into()), name: "iPhone 13 Pro 128GB".into(), quantity: 1 }
    );
    assert_eq!(
        (quote.base, quote.cash, quote.voucher),
        (Some(Rappen(45000)), Rappen(45000), Rappen(50000))
    );
    assert_eq!(
        quote.deductions,
        [Adjustment { label: "Screen damage".into(), amount: Rappen(-5000) }]
    );
    assert_eq!(
        quote.bonuses,
        [Adjustment { label: "Original packaging".into(), amount: Rappen(2000) }]
    );
    assert_eq!(quote.coupons, [Coupon { code: "SUMMER20".into(), amount: Rappen(5000) }]);
}

#[test]
fn the_seed_device_selection_sends_the_price_id_and_marks_it_temporary() {
    let IframeEvent::DeviceSelected { quote } = parse("event-device-selected-seed.json") else {
        panic!("not a device selection")
    };

    assert_eq!(quote.offer_id, "11153245-tmp");
    assert!(quote.temporary);
    assert_eq!(quote.product.name, "iPhone 13");
    assert_eq!(quote.product.quantity, 1);
    assert_eq!((quote.cash, quote.voucher), (Rappen(23700), Rappen(24800)));
    assert!(quote.deductions.is_empty() && quote.coupons.is_empty());
    assert!(quote.is_removed_by("11153245-tmp"));
}

#[test]
fn every_published_event_is_understood() {
    assert_eq!(parse("event-loaded.json"), IframeEvent::Loaded { status: Some("ready".into()) });
    assert_eq!(parse("event-resize.json"), IframeEvent::Resize { height: 1450 });
    assert_eq!(
        parse("event-scroll-position.json"),
        IframeEvent::ScrollToPosition { position: 317 }
    );
    assert_eq!(
        parse("event-remove.json"),
        IframeEvent::RemoveDeviceSelected { price_id: "11153245-tmp".into() }
    );
    assert_eq!(
        parse("event-cart-updated.json"),
        IframeEvent::CartUpdated {
            cart: vec![CartLine {
                price_id: "11153245-tmp".into(),
                cash: Rappen(23700),
                voucher: Rappen(24800)
            }],
            payout: None,
        }
    );
    let chosen = json!({"type": "revendo_cart_updated", "cart": [], "payout": "voucher"});
    assert!(matches!(
        IframeEvent::parse(&chosen),
        Ok(IframeEvent::CartUpdated { payout: Some(Payout::Voucher), .. })
    ));
    let unknown = json!({"type": "revendo_cart_updated", "cart": [], "payout": 7});
    assert!(matches!(
        IframeEvent::parse(&unknown),
        Ok(IframeEvent::CartUpdated { payout: None, .. })
    ));
    let top = json!({"type": "revendo_scroll_to_top", "timestamp": "2025-10-20T14:30:00.000Z"});
    assert_eq!(IframeEvent::parse(&top), Ok(IframeEvent::ScrollToTop));
    let done = json!({"type": "revendo_order_complete", "order_id": 105030, "total": "227.50"});
    assert_eq!(
        IframeEvent::parse(&done),
        Ok(IframeEvent::OrderComplete {
            order_id: Some("105030".into()),
            total: Some(Rappen(22750))
        })
    );
}

#[test]
fn heights_arrive_as_numbers_or_numeric_strings() {
    let height =
        |value: Value| IframeEvent::parse(&json!({"type": "revendo_resize", "height": value}));

    assert_eq!(height(json!("1450")), Ok(IframeEvent::Resize { height: 1450 }));
    assert_eq!(height(json!(600.4)), Ok(IframeEvent::Resize { height: 601 }));
    assert!(height(json!(-1)).is_err());
    assert!(height(json!("tall")).is_err());
    assert!(height(json!(1e12)).is_err());
}

#[test]
fn amounts_with_cents_stay_exact() {
    let mut message = fixture("event-device-selected-seed.json");
    message["details"]["price"] = json!({"final_cash": 19.95, "final_coupon": "0.1"});

    let Ok(IframeEvent::DeviceSelected { quote }) = IframeEvent::parse(&message) else {
        panic!("not a device selection")
    };

    assert_eq!((quote.cash, quote.voucher), (Rappen(1995), Rappen(10)));
}

#[test]
fn unknown_types_and_non_messages_are_specific_errors() {
    assert_eq!(
        IframeEvent::parse(&json!({"type": "revendo_dance"})),
        Err(IframeEventError::UnknownType("revendo_dance".into()))
    );
    assert_eq!(IframeEvent::parse(&json!("revendo_resize")), Err(IframeEventError::NoType));
    assert_eq!(IframeEvent::parse(&json!({"height": 3})), Err(IframeEventError::NoType));
    assert_eq!(
        IframeEvent::parse(
            &json!({"type": "revendo_device_selected", "details": {"price_id": "1"}})
        ),
        Err(IframeEventError::InvalidField { event: "revendo_device_selected", field: "product" })
    );
}

#[test]
fn hostile_sizes_are_refused() {
    let mut long_name = fixture("event-device-selected-seed.json");
    long_name["details"]["product"]["name"] = json!("x".repeat(201));
    let mut many = fixture("event-device-selected-seed.json");
    many["details"]["bonuses"] = json!(vec![json!({"label": "b", "amount": 1}); 51]);

    assert_eq!(
        IframeEvent::parse(&long_name),
        Err(IframeEventError::TooLarge { event: "revendo_device_selected", field: "name" })
    );
    assert_eq!(
        IframeEvent::parse(&many),
        Err(IframeEventError::TooLarge { event: "revendo_device_selected", field: "bonuses" })
    );
}

#[test]
fn the_configure_message_matches_the_published_one() {
    let message = ConfigureMessage { auto_scroll: true };

    assert_eq!(
        serde_json::to_value(message).expect("serializable"),
        fixture("message-configure.json")
    );
}
