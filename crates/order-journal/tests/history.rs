//! The history staff use: search as they type, filters, keyset pages and totals.

#![allow(clippy::unwrap_used)]

mod common;

use common::*;
use order_journal::{
    Cursor, HistoryQuery, Journal, OrderState, OrderSummary, PAGE_SIZE, Page, SHORT_SEARCH_DEPTH,
};
use revendo_protocol::{Payout, Rappen};

fn text(words: &str) -> HistoryQuery {
    HistoryQuery { text: words.to_owned(), ..HistoryQuery::default() }
}

fn found(journal: &Journal, query: &HistoryQuery) -> Vec<String> {
    let page = journal.search(query, None).unwrap();
    page.items.into_iter().map(|order| order.partner_order_id).collect()
}

/// Four customers over three days: Müller (confirmed), Zoé Bühler (rejected, voucher),
/// Luca Rossi (unresolved, by beat) and Chloé Favre (confirmed).
fn store_with_history(till: &Till) -> Journal {
    let mut journal = till.open();
    confirmed(&mut journal, &mueller("1"), at(5, 9));

    let mut buehler = order(
        "2",
        "Samsung Galaxy S22 Ultra",
        customer("Zoé", "Bühler", "zoe.buehler@gmx.ch", "+41761112233", "Thalwil"),
    );
    buehler.payout = Payout::Voucher;
    buehler.cash = Rappen::francs(100);
    buehler.voucher = Rappen::francs(120);
    let id = journal.create_order(&buehler, at(6, 9)).unwrap().order().id;
    journal.reject(id, "offer_expired", "The offer has expired", at(6, 10)).unwrap();

    let mut rossi = order(
        "3",
        "Google Pixel 7",
        customer("Luca", "Rossi", "luca@rossi.ch", "+41789998877", "Lugano"),
    );
    rossi.operator = "beat".to_owned();
    let id = journal.create_order(&rossi, at(6, 15)).unwrap().order().id;
    journal.mark_unresolved(id, "internal_error", at(6, 16)).unwrap();

    confirmed(
        &mut journal,
        &order(
            "4",
            "iPhone 15 Pro",
            customer("Chloé", "Favre", "chloe.favre@bluewin.ch", "+41795554433", "Genève"),
        ),
        at(7, 9),
    );
    journal
}

#[test]
fn search_ignores_case_and_accents_in_both_directions() {
    let till = Till::new();
    let journal = store_with_history(&till);

    assert_eq!(found(&journal, &text("muller")), vec!["ZH01-2-000001"]);
    assert_eq!(found(&journal, &text("MÜLLER")), vec!["ZH01-2-000001"]);
    assert_eq!(found(&journal, &text("buhler")), vec!["ZH01-2-000002"]);
    assert_eq!(found(&journal, &text("chloe")), vec!["ZH01-2-000004"]);
    assert_eq!(found(&journal, &text("Zoe")), vec!["ZH01-2-000002"]);
}

#[test]
fn search_finds_parts_of_words_names_emails_and_phones() {
    let till = Till::new();
    let journal = store_with_history(&till);

    assert_eq!(found(&journal, &text("mül")), vec!["ZH01-2-000001"]);
    assert_eq!(found(&journal, &text("bluewin")), vec!["ZH01-2-000004", "ZH01-2-000001"]);
    assert_eq!(found(&journal, &text("2345")), vec!["ZH01-2-000001"]);
    assert_eq!(found(&journal, &text("079 123 45 67")), vec!["ZH01-2-000001"]);
    assert_eq!(found(&journal, &text("+41 79 555")), vec!["ZH01-2-000004"]);
    assert_eq!(found(&journal, &text("luca rossi")), vec!["ZH01-2-000003"]);
    assert_eq!(found(&journal, &text("rossi luca")), vec!["ZH01-2-000003"]);
    assert!(found(&journal, &text("rossi chloe")).is_empty());
}

#[test]
fn search_finds_each_of_the_three_order_ids_and_the_device() {
    let till = Till::new();
    let journal = store_with_history(&till);
    let web_id = journal.order_detail(order_journal::OrderId(4)).unwrap().summary.web_id.unwrap();

    assert_eq!(found(&journal, &text("ZH01-2-000003")), vec!["ZH01-2-000003"]);
    assert_eq!(found(&journal, &text("zh01-2-000003")), vec!["ZH01-2-000003"]);
    assert_eq!(found(&journal, &text("000003")), vec!["ZH01-2-000003"]);
    assert_eq!(found(&journal, &text("105004")), vec!["ZH01-2-000004"]);
    assert_eq!(found(&journal, &text(&web_id)), vec!["ZH01-2-000004"]);
    assert_eq!(found(&journal, &text("galaxy")), vec!["ZH01-2-000002"]);
    assert_eq!(found(&journal, &text("iphone 15")), vec!["ZH01-2-000004"]);
}

#[test]
fn one_and_two_character_searches_match_anywhere_in_recent_orders() {
    let till = Till::new();
    let journal = store_with_history(&till);

    assert_eq!(found(&journal, &text("mü")), vec!["ZH01-2-000001"]);
    assert_eq!(found(&journal, &text("Zo")), vec!["ZH01-2-000002"]);
    assert_eq!(found(&journal, &text("z")).len(), 4);
    assert!(found(&journal, &text("qx")).is_empty());
}

#[test]
fn short_words_look_only_through_the_newest_orders_for_list_and_totals_alike() {
    let till = Till::new();
    let mut journal = till.open();
    journal.create_order(&mueller("old"), at(1, 9)).unwrap();
    let favre = order(
        "new",
        "iPhone 15 Pro",
        customer("Chloé", "Favre", "chloe.favre@bluewin.ch", "+41795554433", "Genève"),
    );
    journal.create_order(&favre, at(2, 9)).unwrap();
    // Favre becomes the journal's order number 10,050, as if 10,048 orders had come
    // between: Müller (number 1) is then older than the newest SHORT_SEARCH_DEPTH.
    let raw = inspect(&till.path);
    raw.execute_batch(
        "UPDATE orders SET id = 10050 WHERE id = 2;
         DELETE FROM order_search WHERE rowid = 2;
         UPDATE orders SET device_name = device_name WHERE id = 10050;",
    )
    .unwrap();
    const { assert!(SHORT_SEARCH_DEPTH < 10_050 - 1) };

    let short = text("mü");
    let page = journal.search(&short, None).unwrap();
    assert!(page.items.is_empty());
    assert!(page.newest_only);
    let totals = journal.totals(&short).unwrap();
    assert_eq!(totals.all.count, 0);
    assert!(totals.newest_only);

    assert_eq!(found(&journal, &text("fa")), vec!["ZH01-2-000002"]);
    let indexed = text("mül");
    let page = journal.search(&indexed, None).unwrap();
    assert_eq!(page.items.len(), 1);
    assert!(!page.newest_only);
    let totals = journal.totals(&indexed).unwrap();
    assert_eq!((totals.all.count, totals.newest_only), (1, false));
}

#[test]
fn filters_select_by_date_range_state_payout_and_operator() {
    let till = Till::new();
    let journal = store_with_history(&till);
    let on_day_6 =
        HistoryQuery { from: Some(at(6, 0)), until: Some(at(7, 0)), ..HistoryQuery::default() };

    assert_eq!(found(&journal, &on_day_6), vec!["ZH01-2-000003", "ZH01-2-000002"]);
    let settled = HistoryQuery {
        states: vec![OrderState::Confirmed, OrderState::Rejected],
        ..HistoryQuery::default()
    };
    assert_eq!(found(&journal, &settled), vec!["ZH01-2-000004", "ZH01-2-000002", "ZH01-2-000001"]);
    let vouchers = HistoryQuery { payout: Some(Payout::Voucher), ..HistoryQuery::default() };
    assert_eq!(found(&journal, &vouchers), vec!["ZH01-2-000002"]);
    let by_beat = HistoryQuery { operator: Some("beat".into()), ..HistoryQuery::default() };
    assert_eq!(found(&journal, &by_beat), vec!["ZH01-2-000003"]);
    let text_and_date = HistoryQuery { text: "bluewin".into(), ..on_day_6.clone() };
    assert!(found(&journal, &text_and_date).is_empty());
    let nothing_then = HistoryQuery { from: Some(at(20, 0)), ..HistoryQuery::default() };
    assert!(found(&journal, &nothing_then).is_empty());
}

fn page(journal: &Journal, query: &HistoryQuery, after: Option<Cursor>) -> Page<OrderSummary> {
    journal.search(query, after).unwrap()
}

#[test]
fn pages_follow_each_other_without_gaps_or_repeats_while_orders_are_added() {
    let till = Till::new();
    let mut journal = till.open();
    for n in 0..130 {
        journal.create_order(&mueller(&format!("old-{n}")), at(1, 8)).unwrap();
    }

    for query in [HistoryQuery::default(), text("muller")] {
        let newest = page(&journal, &query, None).items[0].id.0;
        let mut seen = Vec::new();
        let mut after = None;
        let mut added = 0;
        loop {
            let current = page(&journal, &query, after);
            assert!(current.items.len() <= PAGE_SIZE);
            seen.extend(current.items.iter().map(|order| order.id.0));
            let Some(next) = current.next else { break };
            after = Some(next);
            journal
                .create_order(&mueller(&format!("new-{}-{added}", query.text)), at(2, 8))
                .unwrap();
            added += 1;
        }

        let expected: Vec<i64> = (1..=newest).rev().collect();
        assert_eq!(seen, expected, "pages of {query:?} skipped, repeated or shifted an order");
        assert!(added >= 2);
    }
}

#[test]
fn totals_count_and_sum_amounts_per_state_and_payout() {
    let till = Till::new();
    let journal = store_with_history(&till);

    let all = journal.totals(&HistoryQuery::default()).unwrap();
    let day_6 = journal
        .totals(&HistoryQuery { from: Some(at(6, 0)), until: Some(at(7, 0)), ..Default::default() })
        .unwrap();

    assert_eq!(all.all.count, 4);
    // Bühler chose the voucher: his cash quote counts nowhere, the three others' vouchers
    // neither.
    assert_eq!(all.all.cash, Rappen::francs(227 * 3));
    assert_eq!(all.all.voucher, Rappen::francs(120));
    assert_eq!(all.all.paid_out, Rappen::francs(227 * 3 + 120));
    let confirmed = all.by_state.iter().find(|t| t.state == OrderState::Confirmed).unwrap();
    assert_eq!(confirmed.sums.count, 2);
    assert_eq!(confirmed.sums.cash, Rappen::francs(454));
    assert_eq!(all.by_state.len(), 5);
    let in_flight = all.by_state.iter().find(|t| t.state == OrderState::InFlight).unwrap();
    assert_eq!(in_flight.sums.count, 0);
    assert_eq!(day_6.all.count, 2);
    assert_eq!(day_6.all.paid_out, Rappen::francs(120 + 227));
    let empty = journal.totals(&HistoryQuery { from: Some(at(20, 0)), ..Default::default() });
    assert_eq!(empty.unwrap().all.count, 0);
}
