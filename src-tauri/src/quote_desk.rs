//! The quote the customer accepted in Revendo's page, held by Rust from capture until
//! its order is finalized, removed, or it expires.

use std::time::Duration;

use revendo_protocol::{CartLine, Payout, Quote, Rappen};
use time::OffsetDateTime;

/// How long Revendo honours a quote after creating it.
pub const QUOTE_LIFETIME: Duration = Duration::from_secs(60 * 60);

/// The current quote of the till: at most one, since one customer is served at a time.
#[derive(Debug, Default)]
pub struct QuoteDesk {
    current: Option<HeldQuote>,
}

/// A captured quote with the payout the customer chose and when it was captured.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HeldQuote {
    pub quote: Quote,
    pub payout: Payout,
    /// When the till received it; Revendo created the offer at most moments before.
    pub captured_at: OffsetDateTime,
}

/// Why the held quote cannot be used for an order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unusable {
    /// No device is selected.
    NoQuote,
    /// The quote is older than [`QUOTE_LIFETIME`]: Revendo would refuse it.
    Expired,
}

impl HeldQuote {
    /// When Revendo stops honouring the quote.
    pub fn expires_at(&self) -> OffsetDateTime {
        self.captured_at + QUOTE_LIFETIME
    }

    /// The amount paid out in the chosen way.
    pub fn amount(&self) -> Rappen {
        self.payout.amount_of(self.quote.cash, self.quote.voucher)
    }
}

impl QuoteDesk {
    /// Holds a newly accepted quote, replacing any earlier one. Cash is the default
    /// payout until the customer switches.
    pub fn capture(&mut self, quote: Quote, now: OffsetDateTime) -> &HeldQuote {
        let payout = self.current.as_ref().map_or(Payout::Cash, |held| held.payout);
        self.current.insert(HeldQuote { quote, payout, captured_at: now })
    }

    /// Applies the iframe's cart: new amounts for the held quote, and the payout when
    /// the cart says which is chosen. Lines about other quotes are ignored.
    pub fn update_cart(&mut self, cart: &[CartLine], payout: Option<Payout>) -> Option<&HeldQuote> {
        let held = self.current.as_mut()?;
        let quote = &held.quote;
        let ours = |id: &str| id == quote.offer_id || quote.price_id.as_deref() == Some(id);
        let line = cart.iter().find(|line| ours(&line.price_id))?;

        held.quote.cash = line.cash;
        held.quote.voucher = line.voucher;
        if let Some(payout) = payout {
            held.payout = payout;
        }
        Some(held)
    }

    /// Switches between cash and voucher.
    pub fn set_payout(&mut self, payout: Payout) -> Option<&HeldQuote> {
        let held = self.current.as_mut()?;
        held.payout = payout;
        Some(held)
    }

    /// Forgets the held quote when `price_id` names it, or whatever is held when `None`.
    pub fn forget(&mut self, price_id: Option<&str>) {
        let matches = match (price_id, &self.current) {
            (None, _) => true,
            (Some(id), Some(held)) => held.quote.is_removed_by(id),
            (Some(_), None) => false,
        };
        if matches {
            self.current = None;
        }
    }

    /// Forgets the held quote if it is the one of `offer_id` (its order is done).
    pub fn settle(&mut self, offer_id: &str) {
        if self.current.as_ref().is_some_and(|held| held.quote.offer_id == offer_id) {
            self.current = None;
        }
    }

    /// The held quote, if any.
    pub fn current(&self) -> Option<&HeldQuote> {
        self.current.as_ref()
    }

    /// The held quote if an order may still be made from it at `now`.
    pub fn usable(&self, now: OffsetDateTime) -> Result<HeldQuote, Unusable> {
        let held = self.current.as_ref().ok_or(Unusable::NoQuote)?;
        if now >= held.expires_at() {
            return Err(Unusable::Expired);
        }
        Ok(held.clone())
    }
}

#[cfg(test)]
mod tests {
    use revendo_protocol::{IframeEvent, Product};
    use time::macros::datetime;

    use super::*;

    fn quote(offer_id: &str, price_id: &str) -> Quote {
        Quote {
            offer_id: offer_id.into(),
            price_id: Some(price_id.into()),
            temporary: false,
            product: Product { id: None, name: "iPhone 13".into(), quantity: 1 },
            base: None,
            cash: Rappen::francs(237),
            voucher: Rappen::francs(248),
            deductions: vec![],
            bonuses: vec![],
            coupons: vec![],
        }
    }

    const NOON: OffsetDateTime = datetime!(2026-12-03 12:00 UTC);

    #[test]
    fn a_quote_is_usable_for_sixty_minutes_after_capture() {
        let mut desk = QuoteDesk::default();
        desk.capture(quote("11153269", "123-tmp"), NOON);

        assert!(desk.usable(NOON + Duration::from_secs(59 * 60 + 59)).is_ok());
        assert_eq!(desk.usable(NOON + QUOTE_LIFETIME), Err(Unusable::Expired));
    }

    #[test]
    fn without_a_quote_nothing_is_usable() {
        assert_eq!(QuoteDesk::default().usable(NOON), Err(Unusable::NoQuote));
    }

    #[test]
    fn voucher_choice_changes_the_amount_paid_out() {
        let mut desk = QuoteDesk::default();
        desk.capture(quote("11153269", "123-tmp"), NOON);

        let held = desk.set_payout(Payout::Voucher).expect("held");

        assert_eq!(held.amount(), Rappen::francs(248));
    }

    #[test]
    fn cart_update_for_the_held_quote_changes_its_amounts_others_are_ignored() {
        let mut desk = QuoteDesk::default();
        desk.capture(quote("11153269", "123-tmp"), NOON);
        let other = CartLine { price_id: "999-tmp".into(), cash: Rappen(1), voucher: Rappen(2) };
        let ours =
            CartLine { price_id: "123-tmp".into(), cash: Rappen(20000), voucher: Rappen(22000) };

        assert!(desk.update_cart(std::slice::from_ref(&other), None).is_none());
        let held = desk.update_cart(&[other, ours], Some(Payout::Voucher)).expect("our line");

        assert_eq!((held.quote.cash, held.quote.voucher), (Rappen(20000), Rappen(22000)));
        assert_eq!(held.payout, Payout::Voucher);
    }

    #[test]
    fn a_cart_line_naming_the_offer_id_concerns_the_held_quote() {
        let mut desk = QuoteDesk::default();
        desk.capture(quote("11153269", "123-tmp"), NOON);
        let line =
            CartLine { price_id: "11153269".into(), cash: Rappen(1000), voucher: Rappen(1100) };

        let held = desk.update_cart(&[line], None).expect("our line");

        assert_eq!(held.amount(), Rappen(1000));
        assert_eq!(held.payout, Payout::Cash, "no payout named: the choice stays");
    }

    #[test]
    fn removal_by_another_price_id_keeps_the_quote() {
        let mut desk = QuoteDesk::default();
        desk.capture(quote("11153269", "123-tmp"), NOON);

        desk.forget(Some("456-tmp"));
        assert!(desk.current().is_some());
        desk.forget(Some("123-tmp"));
        assert!(desk.current().is_none());
    }

    #[test]
    fn the_published_later_event_is_captured_with_its_offer_id() {
        let text = include_str!("../../fixtures/revendo/event-device-selected-later.json");
        let message: serde_json::Value = serde_json::from_str(text).expect("fixture is JSON");
        let Ok(IframeEvent::DeviceSelected { quote }) = IframeEvent::parse(&message) else {
            panic!("fixture is a device selection");
        };
        let mut desk = QuoteDesk::default();

        let held = desk.capture(quote, NOON);

        assert_eq!(held.quote.offer_id, "11153269");
        assert_eq!(held.amount(), Rappen::francs(450));
    }
}
