//! Orders, customers and journals for the tests, on real files in temporary folders.

#![allow(dead_code, clippy::unwrap_used)]

use std::path::{Path, PathBuf};

use order_journal::{Journal, NewOrder, OrderId, TillIdentity};
use revendo_protocol::{Address, Customer, Iban, Payout, Rappen, RevendoOrder};
use rusqlite::{Connection, OpenFlags};
use tempfile::TempDir;
use time::{Duration, OffsetDateTime, macros::datetime};

/// A full IBAN the tests expect never to see outside the journal's resend path.
pub const IBAN: &str = "CH9300762011623852957";

/// A temporary folder holding one journal file.
pub struct Till {
    pub dir: TempDir,
    pub path: PathBuf,
}

impl Till {
    pub fn new() -> Till {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("journal.sqlite");
        Till { dir, path }
    }

    pub fn open(&self) -> Journal {
        open_as(&self.path, "ZH01", "2")
    }
}

pub fn open_as(path: &Path, store: &str, till: &str) -> Journal {
    Journal::open(path, TillIdentity::parse(store, till).unwrap()).unwrap()
}

/// A connection of the test's own, to inspect the file beside the journal.
pub fn inspect(path: &Path) -> Connection {
    Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_WRITE).unwrap()
}

/// A fixed instant, so that tests do not depend on today's date.
pub fn at(day: u8, hour: u8) -> OffsetDateTime {
    datetime!(2025-10-01 00:00 UTC)
        + Duration::days(i64::from(day) - 1)
        + Duration::hours(hour.into())
}

pub fn customer(first: &str, last: &str, email: &str, phone: &str, city: &str) -> Customer {
    Customer {
        email: email.to_owned(),
        first_name: first.to_owned(),
        last_name: last.to_owned(),
        phone: phone.to_owned(),
        iban: Iban::parse(IBAN).unwrap(),
        address: Address {
            street: "Bahnhofstrasse 1".to_owned(),
            zip: "8001".to_owned(),
            city: city.to_owned(),
            country: "CH".to_owned(),
        },
    }
}

pub fn order(offer_id: &str, device: &str, customer: Customer) -> NewOrder {
    NewOrder {
        offer_id: offer_id.to_owned(),
        price_id: Some(format!("{offer_id}-tmp")),
        product_id: Some("4711".to_owned()),
        device_name: device.to_owned(),
        cash: Rappen::francs(227),
        voucher: Rappen::francs(250),
        payout: Payout::Cash,
        customer,
        operator: "anna".to_owned(),
    }
}

pub fn mueller(offer_id: &str) -> NewOrder {
    order(
        offer_id,
        "iPhone 13 Pro 128 GB",
        customer("Jürg", "Müller", "juerg.mueller@bluewin.ch", "+41791234567", "Zürich"),
    )
}

pub fn revendo_answer(order_id: &str, web_id: &str) -> RevendoOrder {
    RevendoOrder {
        order_id: order_id.to_owned(),
        web_id: Some(web_id.to_owned()),
        status: "pending_device".to_owned(),
        quote_amount: Some(Rappen::francs(227)),
        currency: Some("CHF".to_owned()),
        tracking_url: format!("https://revendo.ch/ankauf/tracking/?order={web_id}"),
        created_at: Some(datetime!(2025-10-07 10:30:45 UTC)),
        already_existed: false,
    }
}

/// Creates an order and confirms it, as the app does after HTTP 200.
pub fn confirmed(journal: &mut Journal, new: &NewOrder, when: OffsetDateTime) -> OrderId {
    let id = journal.create_order(new, when).unwrap().order().id;
    journal.begin_attempt(id, when).unwrap();
    let web = format!("ANK-2025-{:06}", id.0);
    journal.confirm(id, &revendo_answer(&format!("{}", 105_000 + id.0), &web), when).unwrap();
    id
}

/// Every text column of every table, to look for data that must be gone.
pub fn all_text(path: &Path) -> String {
    let connection = inspect(path);
    let mut text = String::new();
    for table in ["orders", "attempts", "purges", "partner_order_sequences"] {
        let mut statement = connection.prepare(&format!("SELECT * FROM {table}")).unwrap();
        let columns = statement.column_count();
        let mut rows = statement.query([]).unwrap();
        while let Some(row) = rows.next().unwrap() {
            for index in 0..columns {
                if let Ok(Some(value)) = row.get::<_, Option<String>>(index) {
                    text.push_str(&value);
                    text.push('\n');
                }
            }
        }
    }
    text
}
