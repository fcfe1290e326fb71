//! With the `ts` feature, the types the page sees declare themselves in TypeScript with
//! the names serde gives them on the wire.

#![cfg(feature = "ts")]

use revendo_protocol::{
    CustomerField, CustomerInput, FieldError, FieldProblem, IframeEvent, Quote, RevendoOrder,
};
use ts_rs::{Config, TS};

#[test]
fn page_types_declare_their_serialized_names() {
    let config = Config::default();

    let quote = Quote::decl(&config);
    let order = RevendoOrder::decl(&config);
    let field = CustomerField::decl(&config);
    let problem = FieldProblem::decl(&config);

    assert!(quote.contains("offerId") && quote.contains("temporary"), "{quote}");
    assert!(order.contains("trackingUrl") && order.contains("createdAt: string | null"), "{order}");
    assert!(field.contains("\"firstName\""), "{field}");
    assert!(problem.contains("\"iban_checksum\""), "{problem}");
    assert!(FieldError::decl(&config).contains("problem"));
    assert!(CustomerInput::decl(&config).contains("firstName"));
    assert!(IframeEvent::decl(&config).contains("\"kind\""));
}
