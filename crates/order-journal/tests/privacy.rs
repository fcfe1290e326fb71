//! Personal data: purged after the retention period, everywhere, with a record of each
//! purge.

#![allow(clippy::unwrap_used)]

mod common;

use common::*;
use order_journal::{DEFAULT_RETENTION_DAYS, HistoryQuery, OrderState};
use time::Duration;

fn text(words: &str) -> HistoryQuery {
    HistoryQuery { text: words.to_owned(), ..HistoryQuery::default() }
}

#[test]
fn purge_removes_personal_data_of_orders_settled_before_the_retention_and_keeps_the_accounts() {
    let till = Till::new();
    let mut journal = till.open();
    let old = confirmed(&mut journal, &mueller("1"), at(1, 9));
    let recent = confirmed(
        &mut journal,
        &order(
            "2",
            "Google Pixel 8",
            customer("Zoé", "Bühler", "zoe@gmx.ch", "+41761112233", "Thalwil"),
        ),
        at(20, 9),
    );
    let unsettled = journal
        .create_order(
            &order(
                "3",
                "Fairphone 4",
                customer("Reto", "Müller", "reto@mail.ch", "+41781110000", "Chur"),
            ),
            at(1, 9),
        )
        .unwrap()
        .order()
        .id;
    let now = at(1, 9) + Duration::days(i64::from(DEFAULT_RETENTION_DAYS) + 10);

    let record = journal.purge_personal_data(now, DEFAULT_RETENTION_DAYS).unwrap();

    assert_eq!(record.orders_purged, 1);
    assert_eq!(journal.purges().unwrap(), vec![record]);
    let purged = journal.order_detail(old).unwrap();
    assert_eq!(purged.summary.customer_name, None);
    assert_eq!((purged.email, purged.phone, purged.address), (None, None, None));
    assert_eq!(purged.personal_data_purged_at, Some(now));
    assert_eq!(purged.iban_masked.as_deref(), Some("CH93…2957"));
    assert_eq!(purged.summary.partner_order_id, "ZH01-2-000001");
    assert_eq!(purged.summary.device_name, "iPhone 13 Pro 128 GB");
    assert_eq!(purged.summary.cash, revendo_protocol::Rappen::francs(227));
    assert_eq!(purged.summary.state, OrderState::Confirmed);
    assert!(purged.revendo.is_some());
    assert_eq!(journal.order_detail(recent).unwrap().last_name.as_deref(), Some("Bühler"));
    assert_eq!(journal.order_detail(unsettled).unwrap().last_name.as_deref(), Some("Müller"));
    let kept = all_text(&till.path);
    assert!(
        !kept.contains("Jürg") && !kept.contains("juerg.mueller") && !kept.contains("+41791234567")
    );
}

#[test]
fn purged_text_can_no_longer_be_found_while_ids_and_device_still_can() {
    let till = Till::new();
    let mut journal = till.open();
    let old = confirmed(&mut journal, &mueller("1"), at(1, 9));
    let now = at(1, 9) + Duration::days(200);

    journal.purge_personal_data(now, DEFAULT_RETENTION_DAYS).unwrap();

    for gone in ["muller", "jurg", "bluewin", "2345", "079 123 45 67", "mü", "ju"] {
        assert!(
            journal.search(&text(gone), None).unwrap().items.is_empty(),
            "{gone:?} still found"
        );
    }
    for kept in ["ZH01-2-000001", "iphone", "105001"] {
        let items = journal.search(&text(kept), None).unwrap().items;
        assert_eq!(items.iter().map(|o| o.id).collect::<Vec<_>>(), vec![old], "{kept:?} lost");
    }
}

#[test]
fn every_purge_is_recorded_even_when_nothing_was_due() {
    let till = Till::new();
    let mut journal = till.open();
    confirmed(&mut journal, &mueller("1"), at(1, 9));

    let first = journal.purge_personal_data(at(2, 9), 180).unwrap();
    let second = journal.purge_personal_data(at(3, 9), 0).unwrap();

    assert_eq!(first.orders_purged, 0);
    assert_eq!(second.orders_purged, 1);
    assert_eq!(second.retention_days, 0);
    assert_eq!(journal.purges().unwrap(), vec![second, first]);
}
