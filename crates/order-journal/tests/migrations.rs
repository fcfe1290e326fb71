//! Schema migrations: from an empty file, from every earlier schema, and refusal of a
//! schema newer than this build.

#![allow(clippy::unwrap_used)]

mod common;

use common::*;
use order_journal::{Error, HistoryQuery, Journal, SCHEMA_VERSION, TillIdentity};

fn user_version(path: &std::path::Path) -> i64 {
    inspect(path).query_row("PRAGMA user_version", [], |row| row.get(0)).unwrap()
}

#[test]
fn an_empty_file_is_migrated_to_the_current_schema() {
    let till = Till::new();
    std::fs::write(&till.path, b"").unwrap();

    let mut journal = till.open();

    assert_eq!(user_version(&till.path), SCHEMA_VERSION);
    assert_eq!(SCHEMA_VERSION, 2);
    journal.create_order(&mueller("1"), at(7, 10)).unwrap();
}

#[test]
fn a_journal_of_the_first_schema_keeps_its_orders_and_becomes_searchable() {
    let till = Till::new();
    {
        let connection = inspect_new(&till.path);
        connection.execute_batch(include_str!("../migrations/0001_orders.sql")).unwrap();
        connection
            .execute_batch(
                "INSERT INTO orders (partner_order_id, offer_id, device_name, cash_rappen,
                    voucher_rappen, payout, first_name, last_name, email, phone, iban, street,
                    zip, city, country, operator, store_id, till_id, state, created_at,
                    updated_at)
                 VALUES ('ZH01-2-000001', '11153269', 'iPhone 12', 22700, 25000, 'cash',
                    'Zoé', 'Bühler', 'zoe@gmx.ch', '+41761112233', 'CH9300762011623852957',
                    'Seestrasse 4', '8800', 'Thalwil', 'CH', 'anna', 'ZH01', '2', 'created',
                    1759833045000, 1759833045000);
                 INSERT INTO partner_order_sequences VALUES ('ZH01-2', 1);
                 PRAGMA user_version = 1;",
            )
            .unwrap();
    }

    let mut journal = till.open();

    assert_eq!(user_version(&till.path), 2);
    let found = journal.search(&HistoryQuery { text: "buhler".into(), ..Default::default() }, None);
    assert_eq!(found.unwrap().items[0].partner_order_id, "ZH01-2-000001");
    let next = journal.create_order(&mueller("2"), at(7, 10)).unwrap();
    assert_eq!(next.order().partner_order_id, "ZH01-2-000002");
}

#[test]
fn a_journal_written_by_a_newer_app_is_refused_and_left_untouched() {
    let till = Till::new();
    drop(till.open());
    inspect(&till.path).execute_batch("PRAGMA user_version = 99").unwrap();

    let refused = Journal::open(&till.path, TillIdentity::parse("ZH01", "2").unwrap());

    let Err(error) = refused else { panic!("a newer schema was accepted") };
    assert!(matches!(error, Error::NewerSchema { found: 99, supported: 2 }));
    assert!(error.to_string().contains("update the app"));
    assert_eq!(user_version(&till.path), 99);
}

#[test]
fn opening_a_current_journal_again_changes_nothing() {
    let till = Till::new();
    {
        let mut journal = till.open();
        journal.create_order(&mueller("1"), at(7, 10)).unwrap();
    }

    let journal = till.open();

    assert_eq!(user_version(&till.path), SCHEMA_VERSION);
    assert_eq!(journal.search(&HistoryQuery::default(), None).unwrap().items.len(), 1);
}

fn inspect_new(path: &std::path::Path) -> rusqlite::Connection {
    use rusqlite::OpenFlags;
    rusqlite::Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE,
    )
    .unwrap()
}
