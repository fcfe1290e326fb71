//! What the simulated Revendo server holds: the offers its page created and the orders
//! its API accepted.

use std::time::Duration;

use rand::Rng;
use serde_json::Value;
use time::OffsetDateTime;

use crate::catalogue::{self, Adjustment, Answers, Device, Payout};

/// A quote the trade-in page (or a test) created, which the finalize API accepts until it
/// expires or is used by an order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Offer {
    /// The permanent id the later pages tell partners to send, e.g. `"11153269"`.
    pub offer_id: String,
    /// The temporary session id, e.g. `"123-tmp"`; the seed sends it as the offer id, so
    /// the API accepts either.
    pub price_id: String,
    /// The numeric product id.
    pub product_id: u32,
    /// The product name, exactly as the catalogue spells it (it may contain markup).
    pub product_name: String,
    /// The flawless price, in Rappen.
    pub base: i64,
    /// The cash payout after deductions and bonuses, in Rappen.
    pub cash: i64,
    /// The voucher value, in Rappen.
    pub voucher: i64,
    /// Price reductions for the device's condition (negative amounts).
    pub deductions: Vec<Adjustment>,
    /// Price additions (positive amounts).
    pub bonuses: Vec<Adjustment>,
    /// The payout the customer chose last on the page.
    pub payout: Payout,
    /// When the offer was created; it expires one offer lifetime later.
    pub created_at: OffsetDateTime,
}

impl Offer {
    /// The amount an order on this offer is worth: the cash price or the voucher value,
    /// whichever the customer chose.
    pub fn quote_amount(&self) -> i64 {
        match self.payout {
            Payout::Cash => self.cash,
            Payout::Voucher => self.voucher,
        }
    }

    /// Whether `id` names this offer, by its permanent or its temporary id.
    fn is_named(&self, id: &str) -> bool {
        self.offer_id == id || self.price_id == id
    }
}

/// What a test asks for when it creates an offer directly, as the page would.
#[derive(Debug, Clone)]
pub struct OfferSpec {
    /// The catalogue's product id (101 is an iPhone 13; 999 the hostile entry).
    pub product_id: u32,
    /// The condition answers.
    pub answers: Answers,
    /// The payout chosen.
    pub payout: Payout,
    /// How long ago the offer was created; past the offer lifetime it is expired.
    pub age: Duration,
}

impl Default for OfferSpec {
    fn default() -> Self {
        Self {
            product_id: 101,
            answers: Answers::default(),
            payout: Payout::Cash,
            age: Duration::ZERO,
        }
    }
}

/// An order the simulated server accepted.
#[derive(Debug, Clone, PartialEq)]
pub struct SandboxOrder {
    /// Revendo's order number: the seed's numeric `order_id` (e.g. `105030`).
    pub order_number: u64,
    /// The seed's `web_id`, e.g. `"ANK-2025-001234"`.
    pub web_id: String,
    /// The partner's own order id, the idempotency key.
    pub partner_order_id: String,
    /// The permanent id of the offer the order used.
    pub offer_id: String,
    /// The amount of the chosen payout, in Rappen.
    pub quote_amount: i64,
    /// The payout the amount belongs to.
    pub payout: Payout,
    /// When the order was created.
    pub created_at: OffsetDateTime,
    /// The `customer` object exactly as the partner sent it.
    pub customer: Value,
}

impl SandboxOrder {
    /// The later pages' string `order_id`, e.g. `"W-0105185"`.
    pub fn later_order_id(&self) -> String {
        format!("W-{:07}", self.order_number)
    }

    /// The tracking URL in Revendo's published pattern.
    pub fn tracking_url(&self) -> String {
        format!("https://revendo.ch/ankauf/tracking/?order={}", self.web_id)
    }
}

/// The server's records. Counters start at a random point so that ids from one run of the
/// sandbox are unlikely to repeat in the next, where a till's journal may still hold them.
#[derive(Debug)]
pub(crate) struct Ledger {
    offers: Vec<Offer>,
    orders: Vec<SandboxOrder>,
    next_offer: u64,
    next_price: u64,
    next_order: u64,
    next_web: u64,
}

impl Ledger {
    pub fn new() -> Self {
        let mut rng = rand::rng();
        Self {
            offers: Vec::new(),
            orders: Vec::new(),
            next_offer: rng.random_range(11_000_000..11_900_000),
            next_price: rng.random_range(100..900),
            next_order: rng.random_range(105_000..190_000),
            next_web: rng.random_range(1_000..9_000),
        }
    }

    /// Prices a device and records the offer.
    pub fn create_offer(
        &mut self,
        device: &Device,
        answers: Answers,
        payout: Payout,
        created_at: OffsetDateTime,
    ) -> Offer {
        let pricing = catalogue::price(device, answers);
        let offer = Offer {
            offer_id: self.next_offer.to_string(),
            price_id: format!("{}-tmp", self.next_price),
            product_id: device.id,
            product_name: device.name.to_owned(),
            base: pricing.base,
            cash: pricing.cash,
            voucher: pricing.voucher,
            deductions: pricing.deductions,
            bonuses: pricing.bonuses,
            payout,
            created_at,
        };
        self.next_offer += 1;
        self.next_price += 1;
        self.offers.push(offer.clone());
        offer
    }

    /// Finds an offer by its permanent or temporary id.
    pub fn offer(&self, id: &str) -> Option<&Offer> {
        self.offers.iter().find(|offer| offer.is_named(id))
    }

    /// Records the customer's payout choice on the named offers; returns how many exist.
    pub fn choose_payout(&mut self, ids: &[String], payout: Payout) -> usize {
        let mut chosen = 0;
        for offer in self.offers.iter_mut().filter(|offer| ids.iter().any(|id| offer.is_named(id)))
        {
            offer.payout = payout;
            chosen += 1;
        }
        chosen
    }

    /// The order created for a partner order id, if any.
    pub fn order_for(&self, partner_order_id: &str) -> Option<&SandboxOrder> {
        self.orders.iter().find(|order| order.partner_order_id == partner_order_id)
    }

    /// Whether an order already uses the offer.
    pub fn is_used(&self, offer: &Offer) -> bool {
        self.orders.iter().any(|order| order.offer_id == offer.offer_id)
    }

    /// Records a new order on an offer.
    pub fn create_order(
        &mut self,
        offer: &Offer,
        partner_order_id: &str,
        customer: Value,
        created_at: OffsetDateTime,
    ) -> SandboxOrder {
        let order = SandboxOrder {
            order_number: self.next_order,
            web_id: format!("ANK-{}-{:06}", created_at.year(), self.next_web),
            partner_order_id: partner_order_id.to_owned(),
            offer_id: offer.offer_id.clone(),
            quote_amount: offer.quote_amount(),
            payout: offer.payout,
            created_at,
            customer,
        };
        self.next_order += 1;
        self.next_web += 1;
        self.orders.push(order.clone());
        order
    }

    pub fn offers(&self) -> &[Offer] {
        &self.offers
    }

    pub fn orders(&self) -> &[SandboxOrder] {
        &self.orders
    }
}
