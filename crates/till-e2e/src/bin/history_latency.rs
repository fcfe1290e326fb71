//! How quickly the history answers staff in the real window, on a large journal: from a
//! keystroke in the search box to the updated list, and from "Load more" to the appended
//! page. The page measures both itself (`window.__tillTimings`); this drives it.
//!
//! ```text
//! history_latency JOURNAL.sqlite [BASELINE.sqlite]
//! ```
//!
//! Each journal is copied into a fresh data folder and opened by the real till (not in
//! training, with an unreachable Revendo, so nothing needs the network). Every keystroke
//! is sent alone, after the page has answered the previous one and a quiet spell longer
//! than the search box's debounce: each one then starts a search at once and yields one
//! measurement. Beside the page's figures, the two commands a search costs are timed from
//! the page without rendering, to tell Rust's share from the page's. Needs a display and
//! `REVENDO_POS_BIN` for a release build of the till (see `scripts/bench-history`).

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Duration;

use serde_json::{Value, json};
use till_e2e::till::{Bench, Till};
use till_e2e::trade_in::open_history;
use till_e2e::webdriver::test_id;
use till_e2e::{Error, PATIENCE, Result, wait_for};

/// The settings of the bench's till: the identity the generated journal was written
/// with, and a retention long enough that starting the till purges nobody's name from a
/// journal whose orders go back three years.
const BENCH_SETTINGS: &str = r#"{
  "language": "en",
  "storeId": "ZH01",
  "tillId": "2",
  "operator": "bench",
  "retentionDays": 3650
}"#;

/// Longer than the search box's 150 ms debounce: every keystroke searches at once.
const BETWEEN_KEYSTROKES: Duration = Duration::from_millis(320);

/// What staff type: surnames with and without umlauts, parts of names, first and last
/// name, phone fragments, our references, Revendo's ids, devices.
const QUERIES: &[&str] = &[
    "Müller",
    "Meier",
    "Schmid",
    "Brunner",
    "Zürcher",
    "Nägeli",
    "Bühler",
    "Lüthi",
    "Flückiger",
    "Wüthrich",
    "Gonçalves",
    "Muller",
    "Zurcher",
    "Buhler",
    "mül",
    "Kä",
    "Hürli",
    "Stöck",
    "Bern",
    "anna keller",
    "Jürg Müller",
    "Léa Favre",
    "079 12",
    "0791234",
    "+4178",
    "076 55 1",
    "ZH01-2-004711",
    "ZH01-2-98",
    "000815",
    "523456",
    "105123",
    "ANK-2025-012345",
    "ANK-2026",
    "iPhone 13",
    "Galaxy S23",
    "Pixel 7",
    "MacBook",
    "Fairphone",
    "iPad Pro",
    "Switch",
];

/// "Load more" clicks on the whole journal, and on one common surname.
const PAGES_UNFILTERED: usize = 40;
const PAGES_FILTERED: usize = 20;
const FILTERED_BY: &str = "Müller";

fn main() -> ExitCode {
    let journals: Vec<PathBuf> = std::env::args_os().skip(1).map(PathBuf::from).collect();
    if journals.is_empty() {
        eprintln!("usage: history_latency JOURNAL.sqlite [BASELINE.sqlite]");
        return ExitCode::from(2);
    }

    let mut outcome = ExitCode::SUCCESS;
    for journal in &journals {
        match measure(journal) {
            Ok(report) => report.print(journal),
            Err(error) => {
                eprintln!("{}: {error}", journal.display());
                outcome = ExitCode::FAILURE;
            }
        }
    }
    outcome
}

/// The figures of one journal, in milliseconds.
#[derive(Debug, Default)]
struct Report {
    orders: u64,
    keystrokes: Vec<Keystroke>,
    page_unfiltered: Vec<f64>,
    page_filtered: Vec<f64>,
    command_page: Vec<f64>,
}

/// One keystroke: what the page measured, and what the two commands its search sends
/// cost for the same text when asked again right after, nothing rendered.
#[derive(Debug, Clone)]
struct Keystroke {
    text: String,
    on_screen: f64,
    search: f64,
    totals: f64,
}

impl Keystroke {
    /// What is left for the page once its search command answered: scripts, style and
    /// layout. The totals follow the list once typing pauses and are not part of it.
    fn page_share(&self) -> f64 {
        self.on_screen - self.search
    }
}

impl Report {
    fn print(&self, journal: &Path) {
        println!("journal {} ({} orders)", journal.display(), self.orders);
        let of = |pick: fn(&Keystroke) -> f64| -> Vec<f64> {
            self.keystrokes.iter().map(pick).collect()
        };
        line("keystroke → list on screen", &of(|k| k.on_screen));
        line("  command search_history (1st page)", &of(|k| k.search));
        line("  (after it) command history_totals", &of(|k| k.totals));
        line("  rest (page: scripts, style, layout)", &of(Keystroke::page_share));
        line("Load more → page on screen, all", &self.page_unfiltered);
        println!("    by position: {}", by_position(&self.page_unfiltered));
        line(&format!("Load more → page on screen, {FILTERED_BY:?}"), &self.page_filtered);
        println!("    by position: {}", by_position(&self.page_filtered));
        line("  command search_history (next page)", &self.command_page);

        let mut slowest = self.keystrokes.clone();
        slowest.sort_by(|a, b| b.on_screen.total_cmp(&a.on_screen));
        println!("  slowest keystrokes (text after it: on screen = search + rest; then totals):");
        for k in slowest.iter().take(8) {
            println!(
                "    {:<18} {:>6.0} = {:>5.0} + {:>5.0} ms; totals {:>5.0} ms",
                format!("{:?}", k.text),
                k.on_screen,
                k.search,
                k.page_share(),
                k.totals,
            );
        }
    }
}

/// Mean of the first and of the last ten of `samples`: whether paging slows as the list
/// grows.
fn by_position(samples: &[f64]) -> String {
    let mean = |part: &[f64]| part.iter().sum::<f64>() / part.len().max(1) as f64;
    let ten = samples.len().min(10);
    format!(
        "pages 1–{ten} mean {:.1} ms, last {ten} mean {:.1} ms",
        mean(&samples[..ten]),
        mean(&samples[samples.len() - ten..])
    )
}

fn line(what: &str, samples: &[f64]) {
    let mut sorted = samples.to_vec();
    sorted.sort_by(f64::total_cmp);
    let at = |p: f64| {
        let rank = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
        sorted.get(rank.saturating_sub(1)).copied().unwrap_or(f64::NAN)
    };
    println!(
        "  {what:<40} n={:<4} median {:>7.1} ms  p95 {:>7.1} ms  max {:>7.1} ms",
        sorted.len(),
        at(50.0),
        at(95.0),
        sorted.last().copied().unwrap_or(f64::NAN)
    );
}

fn measure(journal: &Path) -> Result<Report> {
    let bench = Bench::new("history_latency")?;
    let settings = bench.data_dir().join("settings.json");
    std::fs::write(&settings, BENCH_SETTINGS).map_err(|error| Error::io(&settings, error))?;
    let copy = bench.data_dir().join("journal.sqlite3");
    std::fs::copy(journal, &copy).map_err(|error| Error::io(&copy, error))?;
    for suffix in ["-wal", "-shm"] {
        let _ = std::fs::remove_file(bench.data_dir().join(format!("journal.sqlite3{suffix}")));
    }

    let till = bench.launch(&["--api-base", "http://127.0.0.1:9"])?;
    open_history(&till)?;
    let mut report = Report { orders: order_count(&till)?, ..Report::default() };

    for query in QUERIES {
        clear_search(&till)?;
        let mut typed = String::new();
        for key in query.chars() {
            typed.push(key);
            std::thread::sleep(BETWEEN_KEYSTROKES);
            let on_screen = keystroke(&till, key)?;
            let filter = json!({ "text": typed });
            report.keystrokes.push(Keystroke {
                text: typed.clone(),
                on_screen,
                search: command_ms(&till, "search_history", &filter, true)?,
                totals: command_ms(&till, "history_totals", &filter, false)?,
            });
        }
    }

    show_search(&till, "")?;
    report.page_unfiltered = load_more(&till, PAGES_UNFILTERED)?;
    report.command_page.extend(next_page_ms(&till, "", PAGES_UNFILTERED)?);

    show_search(&till, FILTERED_BY)?;
    report.page_filtered = load_more(&till, PAGES_FILTERED)?;
    report.command_page.extend(next_page_ms(&till, FILTERED_BY, PAGES_FILTERED)?);

    drop(till);
    Ok(report)
}

/// The orders in the journal, from the totals of everything.
fn order_count(till: &Till) -> Result<u64> {
    let totals = invoked(till, "history_totals", json!({ "filter": { "text": "" } }))?;
    Ok(totals["all"]["count"].as_u64().unwrap_or_default())
}

/// Empties the search box without an input event: no search, no measurement.
fn clear_search(till: &Till) -> Result<()> {
    till.execute("document.querySelector('[data-test=\"history-search\"]').value = '';", vec![])
        .map(drop)
}

/// Types `key` into the search box and returns the page's measurement of it.
fn keystroke(till: &Till, key: char) -> Result<f64> {
    let before = measured(till, "search")?;
    let input = till.find(&test_id("history-search"))?;
    till.send_keys(&input, &key.to_string())?;
    next_measurement(till, "search", before)
}

/// Clicks "Load more" `times` times, each after the previous page is on screen.
fn load_more(till: &Till, times: usize) -> Result<Vec<f64>> {
    let mut samples = Vec::new();
    for _ in 0..times {
        let before = measured(till, "page")?;
        till.click_on("history-more")?;
        samples.push(next_measurement(till, "page", before)?);
    }
    Ok(samples)
}

/// How many measurements of `kind` (`search`, `page`) the page holds.
fn measured(till: &Till, kind: &str) -> Result<usize> {
    let script = "return (window.__tillTimings?.[arguments[0]] ?? []).length;";
    Ok(till.execute(script, vec![json!(kind)])?.as_u64().unwrap_or_default() as usize)
}

/// Waits for the page's measurement number `index` of `kind` and returns it.
fn next_measurement(till: &Till, kind: &str, index: usize) -> Result<f64> {
    let script = "return window.__tillTimings?.[arguments[0]]?.[arguments[1]] ?? null;";
    wait_for(&format!("the page to measure {kind} #{index}"), PATIENCE, || {
        match till.execute(script, vec![json!(kind), json!(index)]) {
            Ok(Value::Number(ms)) => Ok(ms.as_f64().unwrap_or(f64::NAN)),
            Ok(other) => Err(other.to_string()),
            Err(error) => Err(error.to_string()),
        }
    })
}

/// Puts `text` in the search box at once, as a paste would, and waits until the page has
/// shown its list (a measurement this bench does not count).
fn show_search(till: &Till, text: &str) -> Result<()> {
    std::thread::sleep(BETWEEN_KEYSTROKES);
    let before = measured(till, "search")?;
    till.execute(
        "const box = document.querySelector('[data-test=\"history-search\"]'); \
         box.value = arguments[0]; \
         box.dispatchEvent(new Event('input', { bubbles: true }));",
        vec![json!(text)],
    )?;
    next_measurement(till, "search", before).map(drop)
}

/// Milliseconds one till command takes from the page to its answer, nothing rendered.
fn command_ms(till: &Till, command: &str, filter: &Value, paged: bool) -> Result<f64> {
    let mut args = json!({ "filter": filter });
    if paged {
        args["after"] = Value::Null;
    }
    let script = "const started = performance.now(); \
                  return window.__TAURI__.core.invoke(arguments[0], arguments[1]) \
                    .then(() => performance.now() - started);";
    let ms = till.execute(script, vec![json!(command), args])?;
    Ok(ms.as_f64().unwrap_or(f64::NAN))
}

/// Milliseconds of `search_history` for each of `pages` next pages of `text`, walked
/// from the first page on, nothing rendered.
fn next_page_ms(till: &Till, text: &str, pages: usize) -> Result<Vec<f64>> {
    let script = "return (async (text, pages) => { \
                  const filter = { text }; \
                  let page = await window.__TAURI__.core.invoke('search_history', \
                    { filter, after: null }); \
                  const times = []; \
                  for (let n = 0; n < pages && page.next; n++) { \
                    const started = performance.now(); \
                    page = await window.__TAURI__.core.invoke('search_history', \
                      { filter, after: page.next }); \
                    times.push(performance.now() - started); \
                  } \
                  return times; })(arguments[0], arguments[1]);";
    let value = till.execute(script, vec![json!(text), json!(pages)])?;
    Ok(value.as_array().into_iter().flatten().filter_map(Value::as_f64).collect())
}

fn invoked(till: &Till, command: &str, args: Value) -> Result<Value> {
    till.invoke(command, args)?
        .map_err(|error| Error::Unexpected { from: command.to_owned(), detail: error.to_string() })
}
