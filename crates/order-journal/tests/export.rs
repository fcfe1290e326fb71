//! The CSV export as Excel and LibreOffice in a Swiss locale read it.

#![allow(clippy::unwrap_used)]

mod common;

use std::ops::ControlFlow;

use common::*;
use order_journal::{ExportOutcome, HistoryQuery, OrderState, PROGRESS_EVERY};

fn export(journal: &order_journal::Journal, query: &HistoryQuery) -> String {
    let mut out = Vec::new();
    let outcome = journal.export_csv(query, &mut out, |_| ControlFlow::Continue(())).unwrap();
    assert!(matches!(outcome, ExportOutcome::Complete { .. }));
    String::from_utf8(out).unwrap()
}

#[test]
fn export_starts_with_a_byte_order_mark_and_a_header_and_uses_semicolons_and_crlf() {
    let till = Till::new();
    let mut journal = till.open();
    confirmed(&mut journal, &mueller("1"), at(7, 8));

    let csv = export(&journal, &HistoryQuery::default());

    assert!(csv.starts_with("\u{feff}Partner order id;Created (Swiss time);State;"));
    let lines: Vec<&str> = csv.trim_start_matches('\u{feff}').split("\r\n").collect();
    assert_eq!(lines.len(), 3, "header, one order, and the final line break");
    let fields: Vec<&str> = lines[1].split(';').collect();
    assert_eq!(fields.len(), lines[0].split(';').count());
    assert_eq!(
        &fields[..9],
        [
            "ZH01-2-000001",
            "2025-10-07 10:00:00",
            "confirmed",
            "iPhone 13 Pro 128 GB",
            "1",
            "cash",
            "227.00",
            "250.00",
            "227.00"
        ]
    );
    let customer = ";Jürg;Müller;juerg.mueller@bluewin.ch;'+41791234567;CH93…2957;";
    assert!(lines[1].contains(customer));
    assert!(!csv.contains(IBAN));
}

#[test]
fn export_quotes_separators_quotes_and_line_breaks_and_neutralises_formulas() {
    let till = Till::new();
    let mut journal = till.open();
    let mut tricky = order(
        "1",
        "=HYPERLINK(\"http://evil\";\"iPhone\")",
        customer("@Anna", "Meier; \"Mimi\"", "-2+3@x.ch", "+41791234567", "Zürich\nOst"),
    );
    tricky.operator = "\tbeat".to_owned();
    journal.create_order(&tricky, at(7, 8)).unwrap();

    let csv = export(&journal, &HistoryQuery::default());

    assert!(csv.contains(";\"'=HYPERLINK(\"\"http://evil\"\";\"\"iPhone\"\")\";"));
    assert!(csv.contains(";'@Anna;\"Meier; \"\"Mimi\"\"\";'-2+3@x.ch;"));
    assert!(csv.contains(";\"Zürich\nOst\";'\tbeat;"));
}

#[test]
fn export_writes_only_the_selected_orders_oldest_first() {
    let till = Till::new();
    let mut journal = till.open();
    confirmed(&mut journal, &mueller("1"), at(5, 8));
    confirmed(&mut journal, &mueller("2"), at(6, 8));
    journal.create_order(&mueller("3"), at(7, 8)).unwrap();

    let confirmed_only = HistoryQuery {
        states: vec![OrderState::Confirmed],
        text: "müller".to_owned(),
        ..HistoryQuery::default()
    };
    let csv = export(&journal, &confirmed_only);

    let ids: Vec<&str> = csv
        .split("\r\n")
        .skip(1)
        .filter_map(|l| l.split(';').next())
        .filter(|f| !f.is_empty())
        .collect();
    assert_eq!(ids, ["ZH01-2-000001", "ZH01-2-000002"]);
}

#[test]
fn export_reports_progress_and_stops_when_cancelled() {
    let till = Till::new();
    let mut journal = till.open();
    journal.create_order(&mueller("0"), at(5, 8)).unwrap();
    copy_first_order(&till, PROGRESS_EVERY * 2 + 4);

    let mut calls = Vec::new();
    let cancelled = journal
        .export_csv(&HistoryQuery::default(), std::io::sink(), |rows| {
            calls.push(rows);
            if rows >= PROGRESS_EVERY * 2 {
                ControlFlow::Break(())
            } else {
                ControlFlow::Continue(())
            }
        })
        .unwrap();

    assert_eq!(calls, [PROGRESS_EVERY, PROGRESS_EVERY * 2]);
    assert_eq!(cancelled, ExportOutcome::Cancelled { rows: PROGRESS_EVERY * 2 });
}

/// Fills the journal with copies of its first order in one transaction: as many orders
/// through `create_order` would each wait for their own disk sync.
fn copy_first_order(till: &Till, copies: u64) {
    inspect(&till.path)
        .execute(
            "WITH RECURSIVE n(k) AS (SELECT 1 UNION ALL SELECT k + 1 FROM n WHERE k < ?1)
             INSERT INTO orders (partner_order_id, offer_id, device_name, cash_rappen,
                voucher_rappen, payout, first_name, last_name, email, phone, iban, street, zip,
                city, country, operator, store_id, till_id, state, created_at, updated_at)
             SELECT 'COPY-' || k, 'copy-' || k, device_name, cash_rappen, voucher_rappen, payout,
                first_name, last_name, email, phone, iban, street, zip, city, country, operator,
                store_id, till_id, state, created_at, updated_at
             FROM orders, n WHERE orders.id = 1",
            [copies as i64],
        )
        .unwrap();
}
