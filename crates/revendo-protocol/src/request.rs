//! The body of a finalize call, exactly as Revendo publishes it.

use std::fmt;

use serde::Serialize;

use crate::customer::Customer;

/// How the customer sends the device; Revendo publishes only `post`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ShippingMethod {
    /// Regular shipping by Swiss Post.
    #[default]
    Post,
}

/// One finalize call: the quote's offer id, the till's own order id and the checked
/// customer.
///
/// `partner_order_id` is Revendo's idempotency key: it is chosen before the first attempt
/// and every attempt of the call sends it unchanged, so a retry after a lost answer
/// returns the existing order (409) instead of creating a second one. Its `Debug` shows
/// the two ids only, never the customer.
#[derive(Clone, PartialEq, Eq, Serialize)]
pub struct FinalizeRequest {
    /// The quote's offer id ([`Quote::offer_id`](crate::Quote::offer_id)).
    pub offer_id: String,
    /// The till's own order id, Revendo's idempotency key.
    pub partner_order_id: String,
    /// The validated customer, sent as `customer` with its `address`.
    pub customer: Customer,
    /// Always [`ShippingMethod::Post`] today.
    pub shipping_method: ShippingMethod,
}

impl FinalizeRequest {
    /// A request shipped by post.
    pub fn new(
        offer_id: impl Into<String>,
        partner_order_id: impl Into<String>,
        customer: Customer,
    ) -> FinalizeRequest {
        FinalizeRequest {
            offer_id: offer_id.into(),
            partner_order_id: partner_order_id.into(),
            customer,
            shipping_method: ShippingMethod::Post,
        }
    }
}

impl fmt::Debug for FinalizeRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("FinalizeRequest")
            .field("offer_id", &self.offer_id)
            .field("partner_order_id", &self.partner_order_id)
            .field("shipping_method", &self.shipping_method)
            .finish_non_exhaustive()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::customer::CustomerInput;

    fn published_customer() -> Customer {
        let input = CustomerInput {
            email: "customer@example.com".into(),
            first_name: "Max".into(),
            last_name: "Müller".into(),
            phone: "+41 79 123 45 67".into(),
            iban: "CH93 0076 2011 6238 5295 7".into(),
            street: "Bahnhofstrasse 1".into(),
            zip: "8001".into(),
            city: "Zürich".into(),
            country: "CH".into(),
        };
        input.validate().expect("the published customer is valid")
    }

    #[test]
    fn serializes_to_the_published_request_exactly() {
        let request = FinalizeRequest::new("11153269", "YOUR-ORDER-12345", published_customer());

        let path =
            concat!(env!("CARGO_MANIFEST_DIR"), "/../../fixtures/revendo/finalize-request.json");
        let published: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(path).expect("fixture")).expect("json");
        assert_eq!(serde_json::to_value(&request).expect("serializable"), published);
    }

    #[test]
    fn debug_shows_the_ids_but_no_customer_data() {
        let request = FinalizeRequest::new("11153269", "STORE-0001", published_customer());

        let shown = format!("{request:?}");

        assert!(shown.contains("STORE-0001") && shown.contains("11153269"));
        for private in ["Müller", "customer@example.com", "+41791234567", "CH93", "Bahnhof"] {
            assert!(!shown.contains(private), "{shown}");
        }
    }
}
