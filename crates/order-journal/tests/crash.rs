//! A till killed at any moment loses no committed order and keeps a sound database.
//!
//! The test binary runs itself as the child: with `JOURNAL_CRASH_CHILD` set, the
//! `child_writes_orders_until_killed` test writes orders in a loop and prints each partner
//! order id after its commit returned. The parent kills it with SIGKILL after a random
//! few milliseconds, many times, and checks the file after every kill.

#![cfg(unix)]
#![allow(clippy::unwrap_used)]

mod common;

use std::collections::HashSet;
use std::io::{BufRead, BufReader, Read};
use std::process::{Command, Stdio};
use std::time::Duration;

use common::*;
use order_journal::{AttemptOutcome, HistoryQuery, Journal};
use rand::Rng;
use time::OffsetDateTime;

const CHILD: &str = "JOURNAL_CRASH_CHILD";
const KILLS: usize = 30;

#[test]
fn child_writes_orders_until_killed() {
    let Some(path) = std::env::var_os(CHILD) else { return };
    let run = std::process::id();
    let mut journal = open_as(std::path::Path::new(&path), "ZH01", "2");
    journal.recover_interrupted(OffsetDateTime::now_utc()).unwrap();
    println!("ready");

    for n in 0.. {
        let now = OffsetDateTime::now_utc();
        let created = journal.create_order(&mueller(&format!("{run}-{n}")), now).unwrap();
        println!("committed {}", created.order().partner_order_id);
        let id = created.order().id;
        let attempt = journal.begin_attempt(id, now).unwrap();
        let outcome = AttemptOutcome { finished_at: now, http_status: Some(200), error_code: None };
        journal.finish_attempt(attempt, &outcome).unwrap();
        if n % 2 == 0 {
            journal.confirm(id, &revendo_answer(&format!("{run}{n}"), "ANK-1"), now).unwrap();
        }
    }
}

#[test]
fn orders_whose_commit_returned_survive_sigkill_at_random_moments() {
    let till = Till::new();
    let mut printed: Vec<String> = Vec::new();
    let mut rng = rand::rng();

    for kill in 0..KILLS {
        let mut child = Command::new(std::env::current_exe().unwrap())
            .args([
                "--exact",
                "child_writes_orders_until_killed",
                "--nocapture",
                "--test-threads=1",
            ])
            .env(CHILD, &till.path)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        // Kill while orders are being written, not while the child starts: wait for its
        // "ready" (libtest prints `test … ... ` before it on the same line).
        let mut stdout = BufReader::new(child.stdout.take().unwrap());
        let mut line = String::new();
        while !line.trim_end().ends_with("ready") {
            line.clear();
            assert_ne!(stdout.read_line(&mut line).unwrap(), 0, "the child stopped early");
        }

        std::thread::sleep(Duration::from_millis(rng.random_range(5..=80)));
        child.kill().unwrap();
        child.wait().unwrap();

        let mut output = String::new();
        stdout.read_to_string(&mut output).unwrap();
        let complete_lines = output.rsplit_once('\n').map_or("", |(lines, _)| lines);
        let committed = complete_lines.lines().filter_map(|line| line.strip_prefix("committed "));
        printed.extend(committed.map(String::from));
        assert_sound(&till, &printed, kill);
    }

    assert!(printed.len() >= KILLS, "the child committed too few orders to test anything");
}

fn assert_sound(till: &Till, printed: &[String], kill: usize) {
    let journal: Journal = till.open();
    let connection = inspect(&till.path);
    let integrity: String =
        connection.query_row("PRAGMA integrity_check", [], |row| row.get(0)).unwrap();
    assert_eq!(integrity, "ok", "after kill {kill}");

    let mut statement =
        connection.prepare("SELECT partner_order_id, offer_id FROM orders").unwrap();
    let rows: Vec<(String, String)> = statement
        .query_map([], |row| Ok((row.get(0)?, row.get(1)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let ids: HashSet<&str> = rows.iter().map(|(id, _)| id.as_str()).collect();
    let offers: HashSet<&str> = rows.iter().map(|(_, offer)| offer.as_str()).collect();
    assert_eq!(ids.len(), rows.len(), "a partner order id is there twice after kill {kill}");
    assert_eq!(offers.len(), rows.len(), "an offer has two orders after kill {kill}");
    for id in printed {
        assert!(ids.contains(id.as_str()), "{id} was committed but is gone after kill {kill}");
    }

    let indexed = journal
        .search(&HistoryQuery { text: "muller".into(), ..HistoryQuery::default() }, None)
        .unwrap();
    assert_eq!(indexed.items.len(), rows.len().min(order_journal::PAGE_SIZE));
}
