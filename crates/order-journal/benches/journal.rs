//! The journal at a store's scale: a generated journal of a million orders (change with
//! `JOURNAL_BENCH_ORDERS`), then the costs staff and the till feel, each beside its goal
//! or a baseline measured in the same run.
//!
//! The generated file is kept under the target directory and reused by later runs.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::io::BufWriter;
use std::ops::ControlFlow;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use order_journal::{HistoryQuery, Journal, NewOrder, OrderState, SCHEMA_VERSION, TillIdentity};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use revendo_protocol::{Address, Customer, Iban, Payout, Rappen};
use rusqlite::{Connection, OpenFlags, params};
use time::{Month, OffsetDateTime, macros::datetime};

const FIRST_NAMES: &[&str] = &[
    "Anna",
    "Lukas",
    "Léa",
    "Noah",
    "Mia",
    "Luca",
    "Laura",
    "Jürg",
    "Hansjörg",
    "Ursula",
    "Daniela",
    "René",
    "Chloé",
    "Zoé",
    "Gian",
    "Reto",
    "Beat",
    "Urs",
    "Céline",
    "Loïc",
    "Jérôme",
    "Andrés",
    "Björn",
    "Nadège",
    "Françoise",
    "Matteo",
    "Giulia",
    "Elia",
    "Lina",
    "Nina",
    "Fabienne",
    "Sébastien",
    "Thomas",
    "Peter",
    "Martin",
    "Sandra",
    "Monika",
    "Esther",
    "Marco",
    "Michèle",
    "Ömer",
    "Dragan",
    "Ana",
    "Sven",
    "Corinne",
    "Rahel",
    "Mathias",
    "Sarah",
    "David",
    "Lea",
    "Simon",
    "Jana",
    "Yannick",
    "Mélanie",
    "Aurélie",
    "Florian",
    "Stefan",
    "Barbara",
    "Käthi",
    "Fritz",
];

const LAST_NAMES: &[&str] = &[
    "Müller",
    "Meier",
    "Schmid",
    "Keller",
    "Weber",
    "Huber",
    "Schneider",
    "Meyer",
    "Steiner",
    "Fischer",
    "Gerber",
    "Brunner",
    "Baumann",
    "Frei",
    "Zimmermann",
    "Moser",
    "Widmer",
    "Wyss",
    "Graf",
    "Roth",
    "Baumgartner",
    "Kälin",
    "Bühler",
    "Zürcher",
    "Schläpfer",
    "Hürlimann",
    "Nägeli",
    "Märki",
    "Jäggi",
    "Lüthi",
    "Stöckli",
    "Böhlen",
    "Müri",
    "Rüegg",
    "Küng",
    "Bösch",
    "Odermatt",
    "Rossi",
    "Bernasconi",
    "Favre",
    "Rochat",
    "Dubois",
    "Chevalley",
    "Gueniat",
    "Pérez",
    "Gonçalves",
    "Fernández",
    "Yılmaz",
    "Krasniqi",
    "Berisha",
    "Nguyen",
    "Ammann",
    "Arnold",
    "Bachmann",
    "Bär",
    "Berger",
    "Bieri",
    "Blaser",
    "Bucher",
    "Egli",
    "Fankhauser",
    "Fehr",
    "Flückiger",
    "Frey",
    "Gasser",
    "Gisler",
    "Hofer",
    "Hofmann",
    "Imhof",
    "Kaufmann",
    "Koch",
    "Kuhn",
    "Kunz",
    "Lehmann",
    "Marti",
    "Maurer",
    "Meister",
    "Morf",
    "Nussbaumer",
    "Ott",
    "Peter",
    "Rey",
    "Ritter",
    "Rohrer",
    "Sutter",
    "Suter",
    "Tanner",
    "Vogel",
    "Vogt",
    "Wagner",
    "Walser",
    "Wenger",
    "Wirz",
    "Wüthrich",
    "Zbinden",
    "Zaugg",
    "Zehnder",
    "Zollinger",
    "Da Silva",
    "Ferreira",
];

const CITIES: &[(&str, &str)] = &[
    ("8001", "Zürich"),
    ("8004", "Zürich"),
    ("8050", "Zürich"),
    ("3011", "Bern"),
    ("4051", "Basel"),
    ("1201", "Genève"),
    ("1003", "Lausanne"),
    ("6003", "Luzern"),
    ("9000", "St. Gallen"),
    ("8400", "Winterthur"),
    ("6900", "Lugano"),
    ("2502", "Biel/Bienne"),
    ("3600", "Thun"),
    ("3098", "Köniz"),
    ("2300", "La Chaux-de-Fonds"),
    ("1700", "Fribourg"),
    ("8200", "Schaffhausen"),
    ("7000", "Chur"),
    ("2000", "Neuchâtel"),
    ("1950", "Sion"),
    ("6300", "Zug"),
    ("8610", "Uster"),
    ("6020", "Emmen"),
    ("1400", "Yverdon-les-Bains"),
    ("8700", "Küsnacht"),
    ("8820", "Wädenswil"),
    ("8800", "Thalwil"),
    ("5000", "Aarau"),
];

const STREETS: &[&str] = &[
    "Bahnhofstrasse",
    "Hauptstrasse",
    "Dorfstrasse",
    "Seestrasse",
    "Rue du Marché",
    "Via Nassa",
    "Kirchgasse",
    "Löwenstrasse",
    "Schützengasse",
    "Avenue de la Gare",
    "Gartenstrasse",
    "Rosenweg",
    "Sonnenbergstrasse",
    "Rämistrasse",
    "Chemin des Pâquerettes",
];

const DEVICES: &[&str] = &[
    "iPhone 11 64 GB",
    "iPhone 12 128 GB",
    "iPhone 12 Pro 256 GB",
    "iPhone 13 128 GB",
    "iPhone 13 Pro Max 256 GB",
    "iPhone 14 128 GB",
    "iPhone 14 Pro 256 GB",
    "iPhone 15 128 GB",
    "iPhone 15 Pro Max 512 GB",
    "iPhone 16 Pro 256 GB",
    "iPhone SE (2022) 64 GB",
    "Samsung Galaxy S21 128 GB",
    "Samsung Galaxy S22 Ultra 256 GB",
    "Samsung Galaxy S23 128 GB",
    "Samsung Galaxy S24 256 GB",
    "Samsung Galaxy A52 128 GB",
    "Samsung Galaxy Z Flip5",
    "Google Pixel 6",
    "Google Pixel 7 Pro",
    "Google Pixel 8",
    "iPad Air (5th gen) 64 GB",
    "iPad Pro 11\" 128 GB",
    "MacBook Air M1 256 GB",
    "MacBook Pro 14\" M2",
    "Apple Watch Series 8",
    "Huawei P30 Pro",
    "Xiaomi Redmi Note 12",
    "OnePlus 11",
    "Fairphone 4",
    "Nintendo Switch OLED",
];

const OPERATORS: &[&str] =
    &["anna", "beat", "chloe", "dario", "elif", "fabian", "gina", "hanspeter"];

/// Three years of trading, ending here.
const END: OffsetDateTime = datetime!(2026-11-30 18:00 UTC);
const SPAN_DAYS: i64 = 3 * 365;

fn main() {
    let orders: usize = std::env::var("JOURNAL_BENCH_ORDERS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(1_000_000);
    let folder = target_dir().join("order-journal-bench");
    std::fs::create_dir_all(&folder).unwrap();
    let path =
        folder.join(format!("journal-v{SCHEMA_VERSION}-{:x}-{orders}.sqlite", schema_hash()));

    if !path.exists() {
        let started = Instant::now();
        generate(&path, orders);
        println!("generated {orders} orders in {:.1} s", started.elapsed().as_secs_f64());
    }
    let identity = TillIdentity::parse("ZH01", "2").unwrap();
    let mut journal = Journal::open(&path, identity).unwrap();
    println!("journal of {orders} orders: {}", path.display());

    bytes_per_order(&path, orders);
    insert_and_commit(&mut journal, &folder);
    first_page(&journal);
    search(&journal);
    totals_for_a_month(&journal);
    export_all(&journal, &folder);
}

/// A fingerprint of the migrations, so that a cached journal of another schema is not
/// reused.
fn schema_hash() -> u32 {
    let schema = concat!(
        include_str!("../migrations/0001_orders.sql"),
        include_str!("../migrations/0002_history.sql")
    );
    schema
        .bytes()
        .fold(0x811c_9dc5u32, |hash, byte| (hash ^ u32::from(byte)).wrapping_mul(0x0100_0193))
}

/// The target directory this bench was built in: `<target>/release/deps/journal-…`.
fn target_dir() -> PathBuf {
    let exe = std::env::current_exe().unwrap();
    exe.ancestors().nth(3).unwrap().to_path_buf()
}

/// Fills a fresh journal in one transaction, through the schema's own triggers.
fn generate(path: &Path, orders: usize) {
    let partial = path.with_extension("partial");
    let _ = std::fs::remove_file(&partial);
    drop(Journal::open(&partial, TillIdentity::parse("ZH01", "2").unwrap()).unwrap());

    let mut connection = raw_connection(&partial);
    connection
        .execute_batch(
            "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA cache_size = -400000;",
        )
        .unwrap();
    let transaction = connection.transaction().unwrap();
    {
        let mut insert_order = transaction
            .prepare(
                "INSERT INTO orders (id, partner_order_id, offer_id, price_id, product_id,
                    device_name, cash_rappen, voucher_rappen, payout, first_name, last_name,
                    email, phone, iban, street, zip, city, country, operator, store_id, till_id,
                    state, created_at, updated_at, settled_at, revendo_order_id, web_id,
                    revendo_status, quote_amount_rappen, currency, tracking_url,
                    revendo_created_at, already_existed, last_error_code, last_error_message)
                 VALUES (?1, ?2, ?3, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15,
                    ?16, 'CH', ?17, 'ZH01', '2', ?18, ?19, ?19, ?20, ?21, ?22, ?23, ?24, ?25,
                    ?26, ?19, 0, ?27, ?28)",
            )
            .unwrap();
        let mut insert_attempt = transaction
            .prepare(
                "INSERT INTO attempts (order_id, number, started_at, finished_at, duration_ms,
                    http_status, error_code) VALUES (?1, 1, ?2, ?3, ?4, ?5, ?6)",
            )
            .unwrap();

        let mut rng = StdRng::seed_from_u64(0x5EED);
        let start = to_millis(END) - SPAN_DAYS * 86_400_000;
        let step = SPAN_DAYS * 86_400_000 / orders as i64;
        for n in 1..=orders as i64 {
            let created = start + (n - 1) * step + rng.random_range(0..step.max(1));
            let first = FIRST_NAMES[rng.random_range(0..FIRST_NAMES.len())];
            let last = LAST_NAMES[zipf(&mut rng, LAST_NAMES.len())];
            let (zip, city) = CITIES[rng.random_range(0..CITIES.len())];
            let street = format!(
                "{} {}",
                STREETS[rng.random_range(0..STREETS.len())],
                rng.random_range(1..120)
            );
            let email = format!(
                "{}.{}{}@{}",
                ascii(first),
                ascii(last),
                rng.random_range(1..99),
                ["bluewin.ch", "gmail.com", "gmx.ch", "sunrise.ch", "hotmail.com"]
                    [rng.random_range(0..5)]
            );
            let phone = format!(
                "+417{}{:07}",
                [9, 8, 7, 6][rng.random_range(0..4)],
                rng.random_range(0..10_000_000)
            );
            let device = DEVICES[rng.random_range(0..DEVICES.len())];
            let cash = rng.random_range(20..900) * 100;
            let voucher = cash / 10 * 11;
            let payout = if rng.random_bool(0.6) { "cash" } else { "voucher" };
            let roll: f64 = rng.random();
            let state = match roll {
                r if r < 0.94 => "confirmed",
                r if r < 0.98 => "rejected",
                _ => "unresolved",
            };
            let confirmed = state == "confirmed";
            let settled = (state != "unresolved").then_some(created + 900);
            let year = OffsetDateTime::from_unix_timestamp(created / 1000).unwrap().year();
            let web_id = format!("ANK-{year}-{:06}", n % 1_000_000);
            let iban = if state == "unresolved" {
                format!(
                    "CH{:02}00762{:012}",
                    rng.random_range(10..99),
                    rng.random_range(0..1_000_000_000_000i64)
                )
            } else {
                format!("CH{:02}…{:04}", rng.random_range(10..99), rng.random_range(0..10_000))
            };
            let (error_code, error_message, http_status) = match state {
                "rejected" => (Some("offer_expired"), Some("The offer has expired"), 400),
                "unresolved" => (Some("internal_error"), None, 500),
                _ => (None, None, 200),
            };

            insert_order
                .execute(params![
                    n,
                    format!("ZH01-2-{n:06}"),
                    format!("{}", 11_000_000 + n),
                    format!("{}", rng.random_range(1000..9999)),
                    device,
                    cash,
                    voucher,
                    payout,
                    first,
                    last,
                    email,
                    phone,
                    iban,
                    street,
                    zip,
                    city,
                    OPERATORS[rng.random_range(0..OPERATORS.len())],
                    state,
                    created,
                    settled,
                    confirmed.then(|| format!("{}", 105_000 + n)),
                    confirmed.then_some(web_id.clone()),
                    confirmed.then_some("pending_device"),
                    confirmed.then_some(if payout == "cash" { cash } else { voucher }),
                    confirmed.then_some("CHF"),
                    confirmed
                        .then(|| format!("https://revendo.ch/ankauf/tracking/?order={web_id}")),
                    error_code,
                    error_message,
                ])
                .unwrap();
            let duration = rng.random_range(200..2500);
            insert_attempt
                .execute(params![n, created, created + duration, duration, http_status, error_code])
                .unwrap();
        }
        transaction
            .execute(
                "INSERT INTO partner_order_sequences (prefix, last) VALUES ('ZH01-2', ?1)",
                [orders as i64],
            )
            .unwrap();
    }
    transaction.commit().unwrap();
    connection
        .execute_batch(
            "INSERT INTO order_search (order_search) VALUES ('optimize');
             ANALYZE;
             PRAGMA journal_mode = WAL;",
        )
        .unwrap();
    drop(connection);
    std::fs::rename(&partial, path).unwrap();
}

/// A rank skewed like surnames are: a few very common, a long tail.
fn zipf(rng: &mut StdRng, len: usize) -> usize {
    let u: f64 = rng.random();
    ((len as f64).powf(u) - 1.0) as usize % len
}

fn ascii(name: &str) -> String {
    name.to_lowercase()
        .replace('ä', "ae")
        .replace('ö', "oe")
        .replace('ü', "ue")
        .replace(['é', 'è', 'ê'], "e")
        .replace(['à', 'á'], "a")
        .replace(['ç'], "c")
        .replace(['ı', 'ï'], "i")
        .replace(' ', "")
}

fn raw_connection(path: &Path) -> Connection {
    Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE,
    )
    .unwrap()
}

fn to_millis(at: OffsetDateTime) -> i64 {
    (at.unix_timestamp_nanos() / 1_000_000) as i64
}

fn bytes_per_order(path: &Path, orders: usize) {
    let connection = raw_connection(path);
    connection.execute_batch("PRAGMA wal_checkpoint(TRUNCATE);").unwrap();
    let bytes = std::fs::metadata(path).unwrap().len();
    let pages = |sql: &str| -> i64 { connection.query_row(sql, [], |r| r.get(0)).unwrap() };
    let _ = pages("SELECT count(*) FROM orders");
    println!(
        "size on disk: {:.0} MB, {} bytes per order",
        bytes as f64 / 1e6,
        bytes / orders as u64
    );
}

/// One order and its first attempt, each committed as the app does, beside a bare
/// one-row insert and commit with the same durability settings.
fn insert_and_commit(journal: &mut Journal, folder: &Path) {
    let baseline_path = folder.join("baseline.sqlite");
    let _ = std::fs::remove_file(&baseline_path);
    let baseline = raw_connection(&baseline_path);
    baseline
        .execute_batch(
            "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;
             CREATE TABLE IF NOT EXISTS rows (id INTEGER PRIMARY KEY, text TEXT NOT NULL);",
        )
        .unwrap();

    let run = OffsetDateTime::now_utc().unix_timestamp();
    let mut journal_times = Vec::new();
    let mut bare_times = Vec::new();
    for n in 0..300 {
        let order = bench_order(&format!("bench-{run}-{n}"));
        let started = Instant::now();
        let id = journal.create_order(&order, OffsetDateTime::now_utc()).unwrap().order().id;
        journal.begin_attempt(id, OffsetDateTime::now_utc()).unwrap();
        journal_times.push(started.elapsed());

        let started = Instant::now();
        baseline.execute("INSERT INTO rows (text) VALUES (?1)", [&order.offer_id]).unwrap();
        bare_times.push(started.elapsed());
    }
    let (journal_median, journal_p99) =
        (percentile(&mut journal_times, 50.0), percentile(&mut journal_times, 99.0));
    let (bare_median, bare_p99) =
        (percentile(&mut bare_times, 50.0), percentile(&mut bare_times, 99.0));
    println!(
        "insert+commit of an order and its first attempt: median {} p99 {} | bare one-row \
         insert+commit: median {} p99 {} | ratio of medians {:.1}",
        ms(journal_median),
        ms(journal_p99),
        ms(bare_median),
        ms(bare_p99),
        journal_median.as_secs_f64() / bare_median.as_secs_f64()
    );
    drop(baseline);
    let _ = std::fs::remove_file(&baseline_path);
}

fn bench_order(offer_id: &str) -> NewOrder {
    NewOrder {
        offer_id: offer_id.to_owned(),
        price_id: None,
        product_id: Some("4711".to_owned()),
        device_name: "iPhone 13 Pro 128 GB".to_owned(),
        cash: Rappen::francs(227),
        voucher: Rappen::francs(250),
        payout: Payout::Cash,
        customer: Customer {
            email: "juerg.mueller@bluewin.ch".to_owned(),
            first_name: "Jürg".to_owned(),
            last_name: "Müller".to_owned(),
            phone: "+41791234567".to_owned(),
            iban: Iban::parse("CH9300762011623852957").unwrap(),
            address: Address {
                street: "Bahnhofstrasse 1".to_owned(),
                zip: "8001".to_owned(),
                city: "Zürich".to_owned(),
                country: "CH".to_owned(),
            },
        },
        operator: "anna".to_owned(),
    }
}

fn first_page(journal: &Journal) {
    let query = HistoryQuery::default();
    let mut times = Vec::new();
    for _ in 0..100 {
        let started = Instant::now();
        let page = journal.search(&query, None).unwrap();
        times.push(started.elapsed());
        assert_eq!(page.items.len(), order_journal::PAGE_SIZE);
    }
    let mut filtered = Vec::new();
    let query = HistoryQuery {
        states: vec![OrderState::Unresolved],
        operator: Some("chloe".to_owned()),
        ..HistoryQuery::default()
    };
    for _ in 0..20 {
        let started = Instant::now();
        journal.search(&query, None).unwrap();
        filtered.push(started.elapsed());
    }
    println!(
        "first page of history: median {} p95 {} (goal < 5 ms) | unresolved by one operator: \
         median {}",
        ms(percentile(&mut times, 50.0)),
        ms(percentile(&mut times, 95.0)),
        ms(percentile(&mut filtered, 50.0))
    );
}

/// What staff type: names with and without accents, parts of names, emails, phones as
/// typed, every kind of order id, devices, and one- or two-letter starts.
fn queries(orders: i64) -> Vec<HistoryQuery> {
    let mut rng = StdRng::seed_from_u64(7);
    let mut texts: Vec<String> = Vec::new();
    for _ in 0..20 {
        let last = LAST_NAMES[zipf(&mut rng, LAST_NAMES.len())];
        texts.push(ascii(last).replace("ue", "u").replace("ae", "a").replace("oe", "o"));
        texts.push(last.chars().take(4).collect());
        let first = FIRST_NAMES[rng.random_range(0..FIRST_NAMES.len())];
        texts.push(format!("{} {}", first.to_lowercase(), last));
    }
    for _ in 0..20 {
        let n = rng.random_range(1..orders);
        texts.push(format!("ZH01-2-{n:06}"));
        texts.push(format!("{:06}", rng.random_range(1..orders)));
        texts.push(format!("{}", 105_000 + rng.random_range(1..orders)));
        texts.push(format!("ANK-2025-{:06}", rng.random_range(1..orders.min(999_999))));
        texts.push(format!("079 {:03} {:02}", rng.random_range(0..1000), rng.random_range(0..100)));
        texts.push(format!("{:04}", rng.random_range(0..10_000)));
    }
    for _ in 0..10 {
        let first = ascii(FIRST_NAMES[rng.random_range(0..FIRST_NAMES.len())]);
        let last = ascii(LAST_NAMES[zipf(&mut rng, LAST_NAMES.len())]);
        texts.push(format!("{first}.{last}"));
    }
    texts.extend(
        ["iphone 13", "galaxy s22", "pixel", "macbook", "fairphone", "mu", "z", "bü", "07", "zh"]
            .map(str::to_owned),
    );
    let mut queries: Vec<HistoryQuery> =
        texts.into_iter().map(|text| HistoryQuery { text, ..HistoryQuery::default() }).collect();
    for text in ["muller", "iphone 15", "keller"] {
        queries.push(HistoryQuery {
            text: text.to_owned(),
            from: Some(datetime!(2025-03-01 00:00 UTC)),
            until: Some(datetime!(2025-04-01 00:00 UTC)),
            ..HistoryQuery::default()
        });
        queries.push(HistoryQuery {
            text: text.to_owned(),
            states: vec![OrderState::Rejected, OrderState::Unresolved],
            ..HistoryQuery::default()
        });
    }
    queries
}

fn search(journal: &Journal) {
    let orders = journal.search(&HistoryQuery::default(), None).unwrap().items[0].id.0;
    let queries = queries(orders);
    for query in &queries {
        journal.search(query, None).unwrap();
    }
    let mut times: Vec<(Duration, &str)> = Vec::new();
    for query in &queries {
        let started = Instant::now();
        journal.search(query, None).unwrap();
        times.push((started.elapsed(), &query.text));
    }
    times.sort();
    let mut durations: Vec<Duration> = times.iter().map(|(d, _)| *d).collect();
    let slowest: Vec<String> =
        times.iter().rev().take(5).map(|(d, text)| format!("{text:?} {}", ms(*d))).collect();
    println!(
        "search over {} queries: median {} p95 {} max {} (goal p95 < 10 ms); slowest: {}",
        queries.len(),
        ms(percentile(&mut durations, 50.0)),
        ms(percentile(&mut durations, 95.0)),
        ms(percentile(&mut durations, 100.0)),
        slowest.join(", ")
    );
}

fn totals_for_a_month(journal: &Journal) {
    let mut times = Vec::new();
    let mut count = 0;
    for month in [Month::January, Month::April, Month::July, Month::October] {
        for year in [2024, 2025, 2026] {
            let from = datetime!(2024-01-01 00:00 UTC)
                .replace_year(year)
                .unwrap()
                .replace_month(month)
                .unwrap();
            let until = from.replace_month(month.next()).unwrap();
            let query =
                HistoryQuery { from: Some(from), until: Some(until), ..HistoryQuery::default() };
            let started = Instant::now();
            let totals = journal.totals(&query).unwrap();
            times.push(started.elapsed());
            count = totals.all.count;
        }
    }
    println!(
        "totals for a month (~{count} orders): median {} max {} (goal < 50 ms)",
        ms(percentile(&mut times, 50.0)),
        ms(percentile(&mut times, 100.0))
    );
}

fn export_all(journal: &Journal, folder: &Path) {
    let path = folder.join("export.csv");
    let file = BufWriter::new(std::fs::File::create(&path).unwrap());
    let started = Instant::now();
    let outcome =
        journal.export_csv(&HistoryQuery::default(), file, |_| ControlFlow::Continue(())).unwrap();
    let elapsed = started.elapsed();
    let bytes = std::fs::metadata(&path).unwrap().len();
    println!(
        "CSV export of all orders to a file: {:?} in {:.2} s, {:.0} MB (goal < 5 s)",
        outcome,
        elapsed.as_secs_f64(),
        bytes as f64 / 1e6
    );
    let _ = std::fs::remove_file(&path);
}

fn percentile(times: &mut [Duration], p: f64) -> Duration {
    times.sort();
    let index = ((p / 100.0) * (times.len() - 1) as f64).round() as usize;
    times[index]
}

fn ms(duration: Duration) -> String {
    format!("{:.2} ms", duration.as_secs_f64() * 1000.0)
}
