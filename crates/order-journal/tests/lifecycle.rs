//! The life of an order in the journal: created, attempted, settled or unresolved, and
//! recovered after a crash.

#![allow(clippy::unwrap_used)]

mod common;

use common::*;
use order_journal::{AttemptOutcome, Created, Error, INTERRUPTED, OrderState};

#[test]
fn an_order_goes_from_created_through_an_attempt_to_confirmed_with_everything_recorded() {
    let till = Till::new();
    let mut journal = till.open();

    let created = journal.create_order(&mueller("11153269"), at(7, 10)).unwrap();
    let Created::New(order) = created else { panic!("expected a new order") };
    assert_eq!(order.partner_order_id, "ZH01-2-000001");
    assert_eq!(order.state, OrderState::Created);

    let attempt = journal.begin_attempt(order.id, at(7, 10)).unwrap();
    assert_eq!(journal.order_detail(order.id).unwrap().summary.state, OrderState::InFlight);
    let outcome = AttemptOutcome {
        finished_at: at(7, 10) + time::Duration::milliseconds(850),
        http_status: Some(200),
        error_code: None,
    };
    journal.finish_attempt(attempt, &outcome).unwrap();
    journal.confirm(order.id, &revendo_answer("105030", "ANK-2025-001234"), at(7, 11)).unwrap();

    let detail = journal.order_detail(order.id).unwrap();
    assert_eq!(detail.summary.state, OrderState::Confirmed);
    assert_eq!(detail.summary.revendo_order_id.as_deref(), Some("105030"));
    assert_eq!(detail.summary.customer_name.as_deref(), Some("Jürg Müller"));
    assert_eq!(detail.settled_at, Some(at(7, 11)));
    assert_eq!(detail.store_id, "ZH01");
    assert_eq!(detail.till_id, "2");
    let revendo = detail.revendo.unwrap();
    assert_eq!(revendo.web_id.as_deref(), Some("ANK-2025-001234"));
    assert_eq!(revendo.quote_amount, Some(revendo_protocol::Rappen::francs(227)));
    assert_eq!(detail.attempts.len(), 1);
    assert_eq!(detail.attempts[0].number, 1);
    assert_eq!(detail.attempts[0].http_status, Some(200));
    assert_eq!(detail.attempts[0].duration_ms, Some(850));
}

#[test]
fn a_second_order_for_the_same_offer_returns_the_first_and_writes_nothing() {
    let till = Till::new();
    let mut journal = till.open();

    let first = journal.create_order(&mueller("11153269"), at(7, 10)).unwrap();
    let second = journal.create_order(&mueller("11153269"), at(7, 10)).unwrap();

    assert!(matches!(first, Created::New(_)));
    let Created::Existing(existing) = second else { panic!("expected the existing order") };
    assert_eq!(existing.partner_order_id, first.order().partner_order_id);
    let count: i64 =
        inspect(&till.path).query_row("SELECT count(*) FROM orders", [], |r| r.get(0)).unwrap();
    assert_eq!(count, 1);
    let third = journal.create_order(&mueller("22222222"), at(7, 11)).unwrap();
    assert_eq!(third.order().partner_order_id, "ZH01-2-000002");
}

#[test]
fn partner_order_ids_differ_between_tills_of_a_store_and_survive_reopening() {
    let till = Till::new();
    let other_till = till.dir.path().join("other.sqlite");
    {
        let mut journal = till.open();
        journal.create_order(&mueller("1"), at(7, 10)).unwrap();
    }
    let mut reopened = till.open();
    let mut second_till = open_as(&other_till, "ZH01", "3");

    let next = reopened.create_order(&mueller("2"), at(7, 11)).unwrap();
    let elsewhere = second_till.create_order(&mueller("3"), at(7, 11)).unwrap();

    assert_eq!(next.order().partner_order_id, "ZH01-2-000002");
    assert_eq!(elsewhere.order().partner_order_id, "ZH01-3-000001");
}

#[test]
fn confirming_replaces_the_full_iban_by_its_masked_form_in_the_same_step() {
    let till = Till::new();
    let mut journal = till.open();
    let id = journal.create_order(&mueller("1"), at(7, 10)).unwrap().order().id;
    assert!(all_text(&till.path).contains(IBAN));

    journal.confirm(id, &revendo_answer("105030", "ANK-2025-001234"), at(7, 11)).unwrap();

    assert!(!all_text(&till.path).contains(IBAN));
    assert_eq!(journal.order_detail(id).unwrap().iban_masked.as_deref(), Some("CH93…2957"));
}

#[test]
fn rejecting_masks_the_iban_and_keeps_the_error_code_and_message() {
    let till = Till::new();
    let mut journal = till.open();
    let id = journal.create_order(&mueller("1"), at(7, 10)).unwrap().order().id;
    journal.begin_attempt(id, at(7, 10)).unwrap();

    journal.reject(id, "offer_expired", "The offer has expired", at(7, 11)).unwrap();

    assert!(!all_text(&till.path).contains(IBAN));
    let detail = journal.order_detail(id).unwrap();
    assert_eq!(detail.summary.state, OrderState::Rejected);
    assert_eq!(detail.summary.last_error_code.as_deref(), Some("offer_expired"));
    assert_eq!(detail.last_error_message.as_deref(), Some("The offer has expired"));
    assert_eq!(detail.iban_masked.as_deref(), Some("CH93…2957"));
}

#[test]
fn the_detail_shown_to_staff_never_holds_the_full_iban_even_before_settlement() {
    let till = Till::new();
    let mut journal = till.open();
    let id = journal.create_order(&mueller("1"), at(7, 10)).unwrap().order().id;

    let detail = journal.order_detail(id).unwrap();
    let shown = serde_json::to_string(&detail).unwrap();

    assert_eq!(detail.iban_masked.as_deref(), Some("CH93…2957"));
    assert!(!shown.contains(IBAN));
}

#[test]
fn an_unresolved_order_is_resent_with_the_same_partner_order_id_and_the_full_customer() {
    let till = Till::new();
    let mut journal = till.open();
    let new = mueller("1");
    let id = journal.create_order(&new, at(7, 10)).unwrap().order().id;
    for attempt in 0..3 {
        let started = journal.begin_attempt(id, at(7, 10)).unwrap();
        let outcome = AttemptOutcome {
            finished_at: at(7, 10),
            http_status: Some(500),
            error_code: Some(format!("internal_error_{attempt}")),
        };
        journal.finish_attempt(started, &outcome).unwrap();
    }
    journal.mark_unresolved(id, "internal_error", at(7, 10)).unwrap();

    let resend = journal.order_for_resend(id).unwrap();
    let fourth = journal.begin_attempt(id, at(7, 12)).unwrap();

    assert_eq!(resend.partner_order_id, "ZH01-2-000001");
    assert_eq!(resend.offer_id, "1");
    assert_eq!(resend.customer, new.customer);
    assert_eq!(resend.customer.iban.as_compact(), IBAN);
    let detail = journal.order_detail(id).unwrap();
    assert_eq!(detail.attempts.len(), 4);
    assert_eq!(detail.attempts[3].id, fourth);
    assert_eq!(detail.attempts[3].number, 4);
}

#[test]
fn settled_orders_refuse_new_attempts_resends_and_second_outcomes() {
    let till = Till::new();
    let mut journal = till.open();
    let id = confirmed(&mut journal, &mueller("1"), at(7, 10));

    assert!(matches!(journal.begin_attempt(id, at(7, 11)), Err(Error::AlreadySettled { .. })));
    assert!(matches!(journal.order_for_resend(id), Err(Error::AlreadySettled { .. })));
    assert!(matches!(
        journal.reject(id, "offer_expired", "late", at(7, 11)),
        Err(Error::AlreadySettled { .. })
    ));
    assert!(matches!(
        journal.mark_unresolved(id, "x", at(7, 11)),
        Err(Error::AlreadySettled { .. })
    ));
    assert!(matches!(
        journal.begin_attempt(order_journal::OrderId(999), at(7, 11)),
        Err(Error::OrderNotFound(999))
    ));
}

#[test]
fn orders_left_created_or_in_flight_by_a_killed_process_become_unresolved_at_startup() {
    let till = Till::new();
    let (never_sent, in_flight, done) = {
        let mut journal = till.open();
        let never_sent = journal.create_order(&mueller("1"), at(7, 10)).unwrap().order().id;
        let in_flight = journal.create_order(&mueller("2"), at(7, 10)).unwrap().order().id;
        journal.begin_attempt(in_flight, at(7, 10)).unwrap();
        let done = confirmed(&mut journal, &mueller("3"), at(7, 10));
        (never_sent, in_flight, done)
    };

    let mut journal = till.open();
    let recovered = journal.recover_interrupted(at(7, 12)).unwrap();

    let mut ids: Vec<_> = recovered.iter().map(|order| order.id).collect();
    ids.sort();
    assert_eq!(ids, vec![never_sent, in_flight]);
    assert!(recovered.iter().all(|order| order.state == OrderState::Unresolved));
    let attempt = &journal.order_detail(in_flight).unwrap().attempts[0];
    assert_eq!(attempt.error_code.as_deref(), Some(INTERRUPTED));
    assert_eq!(attempt.finished_at, Some(at(7, 12)));
    assert_eq!(attempt.duration_ms, None);
    assert_eq!(journal.order_detail(done).unwrap().summary.state, OrderState::Confirmed);
    assert!(journal.recover_interrupted(at(7, 13)).unwrap().is_empty());
    assert_eq!(journal.order_for_resend(in_flight).unwrap().customer.iban.as_compact(), IBAN);
}

#[test]
fn every_connection_runs_in_wal_mode_with_full_synchronous_commits() {
    let till = Till::new();
    let mut journal = till.open();
    journal.create_order(&mueller("1"), at(7, 10)).unwrap();

    let mode: String =
        inspect(&till.path).query_row("PRAGMA journal_mode", [], |r| r.get(0)).unwrap();

    assert_eq!(mode, "wal");
    assert!(till.dir.path().join("journal.sqlite-wal").exists());
}

#[cfg(unix)]
#[test]
fn the_journal_file_and_its_wal_are_readable_by_the_owner_alone() {
    use std::os::unix::fs::PermissionsExt;

    let till = Till::new();
    let mut journal = till.open();
    journal.create_order(&mueller("1"), at(7, 10)).unwrap();

    for name in ["journal.sqlite", "journal.sqlite-wal", "journal.sqlite-shm"] {
        let mode = std::fs::metadata(till.dir.path().join(name)).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600, "{name} has mode {:o}", mode & 0o777);
    }
}

#[cfg(unix)]
#[test]
fn an_existing_journal_file_readable_by_others_is_narrowed_to_the_owner() {
    use std::os::unix::fs::PermissionsExt;

    let till = Till::new();
    std::fs::write(&till.path, b"").unwrap();
    std::fs::set_permissions(&till.path, std::fs::Permissions::from_mode(0o644)).unwrap();

    let _journal = till.open();

    let mode = std::fs::metadata(&till.path).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o600);
}

#[test]
fn a_masked_iban_leaves_no_trace_in_the_file_once_the_log_is_checkpointed() {
    let till = Till::new();
    let mut journal = till.open();
    let id = journal.create_order(&mueller("1"), at(7, 10)).unwrap().order().id;
    inspect(&till.path).execute_batch("PRAGMA wal_checkpoint(TRUNCATE)").unwrap();
    assert!(contains(&std::fs::read(&till.path).unwrap(), IBAN.as_bytes()));

    journal.confirm(id, &revendo_answer("105030", "ANK-2025-001234"), at(7, 11)).unwrap();
    inspect(&till.path).execute_batch("PRAGMA wal_checkpoint(TRUNCATE)").unwrap();

    for name in ["journal.sqlite", "journal.sqlite-wal"] {
        let bytes = std::fs::read(till.dir.path().join(name)).unwrap();
        assert!(!contains(&bytes, IBAN.as_bytes()), "the full IBAN is still in {name}");
    }
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|window| window == needle)
}

#[test]
fn a_rejected_order_reopened_with_a_corrected_customer_keeps_its_ids_and_can_be_resent() {
    let till = Till::new();
    let mut journal = till.open();
    let id = journal.create_order(&mueller("1"), at(7, 10)).unwrap().order().id;
    journal.reject(id, "invalid_request", "Missing required fields: IBAN", at(7, 10)).unwrap();
    let corrected = customer("Jürg", "Müller-Graf", "jm@bluewin.ch", "+41791234567", "Bern");

    let reopened = journal.reopen_rejected(id, &corrected, at(7, 11)).unwrap();

    assert_eq!(reopened.state, OrderState::Created);
    assert_eq!(reopened.partner_order_id, "ZH01-2-000001");
    let found = journal.find_by_partner_order_id("ZH01-2-000001").unwrap().unwrap();
    assert_eq!(found.customer_name.as_deref(), Some("Jürg Müller-Graf"));
    assert_eq!(journal.order_for_resend(id).unwrap().customer, corrected);
    let confirmed_id = confirmed(&mut journal, &mueller("2"), at(7, 12));
    assert!(journal.reopen_rejected(confirmed_id, &corrected, at(7, 13)).is_err());
}

#[test]
fn the_unresolved_count_uses_the_index_of_open_orders() {
    let folder = tempfile::tempdir().expect("temp dir");
    let path = folder.path().join("journal.sqlite3");
    let journal = order_journal::Journal::open(
        &path,
        order_journal::TillIdentity::parse("ZH01", "1").expect("identity"),
    )
    .expect("journal");
    assert_eq!(journal.count_unresolved().expect("counted"), 0);

    let plan_connection =
        rusqlite::Connection::open_with_flags(&path, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
            .expect("read-only connection");
    let plan: String = plan_connection
        .query_row(
            "EXPLAIN QUERY PLAN SELECT count(*) FROM orders
             WHERE state IN ('created', 'in_flight', 'unresolved') AND state = 'unresolved'",
            [],
            |row| row.get(3),
        )
        .expect("plan");

    assert!(plan.contains("orders_open"), "plan was: {plan}");
}
