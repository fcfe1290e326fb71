//! Every command driven through Tauri's own IPC, as the page calls it: arguments named
//! as the page names them (camelCase JSON), answers and errors as the page receives
//! them (`{code, message, field, fields, partnerOrderId}`).
//!
//! The app runs on Tauri's mock runtime with a training till on the built-in simulation:
//! real HTTP on 127.0.0.1, a real journal file. The mock runtime opens no window, and the
//! opener, clipboard and dialog plugins are not registered, so a test that reached a
//! browser, the clipboard or a dialog would fail instead of opening one. The mock context
//! carries no capabilities either: which webview may call which command is the ACL's
//! business in the real app, and every request here is sent as from the app's own page.

use revendo_sandbox::{Offer, OfferSpec, Sandbox};
use serde_json::{Value, json};
use tauri::ipc::{CallbackFn, InvokeBody};
use tauri::test::{
    INVOKE_KEY, MockRuntime, get_ipc_response, mock_builder, mock_context, noop_assets,
};
use tauri::webview::{InvokeRequest, WebviewBuilder};
use tauri::{
    App, LogicalPosition, LogicalSize, Manager, Url, Webview, WebviewUrl, WebviewWindow,
    WebviewWindowBuilder,
};
use tempfile::TempDir;

use crate::till::Till;
use crate::training_till::{TrainingTill, customer, training_till};

mod history;
mod orders;
mod quote;
mod settings;
mod view;

/// The till's app on the mock runtime, its page open, and the simulation it trains on.
struct TillApp {
    app: App<MockRuntime>,
    /// The till's own page, the webview labelled `main`.
    page: WebviewWindow<MockRuntime>,
    sandbox: Sandbox,
    /// Dropped last: the journal and settings live in it.
    _folder: TempDir,
}

impl TillApp {
    /// The app with the till's commands and a fresh training till, in the frame display
    /// (no Revendo webview).
    fn start() -> TillApp {
        // The simulation serves on Tauri's own runtime, where async commands run too.
        let TrainingTill { till, sandbox, folder } =
            tauri::async_runtime::block_on(training_till());
        let app = mock_builder()
            .invoke_handler(super::handler())
            .manage(till)
            .build(mock_context(noop_assets()))
            .expect("app builds");
        let page = WebviewWindowBuilder::new(&app, "main", WebviewUrl::default())
            .build()
            .expect("page opens");

        TillApp { app, page, sandbox, _folder: folder }
    }

    /// Calls `command` from the till's page, as `invoke(command, args)` does.
    fn call(&self, command: &str, args: Value) -> Result<Value, Value> {
        call_from(self.page.as_ref(), command, args)
    }

    /// The till the commands work on.
    fn till(&self) -> tauri::State<'_, Till> {
        self.app.state::<Till>()
    }

    /// Opens Revendo's own webview in the page's window at `url`, as the webview display
    /// does at startup.
    fn open_revendo_view(&self, url: &str) -> Webview<MockRuntime> {
        let url = Url::parse(url).expect("URL");
        let builder = WebviewBuilder::new("revendo", WebviewUrl::External(url));
        let window = self.page.as_ref().window();
        let size = LogicalSize::new(1.0, 1.0);
        window.add_child(builder, LogicalPosition::new(0.0, 0.0), size).expect("view opens")
    }

    /// Creates an offer on the simulation and selects it in the page, as the customer
    /// does in Revendo's iframe; answers the quote the page shows.
    fn select_device(&self, spec: OfferSpec) -> (Offer, Value) {
        let offer = self.sandbox.create_offer(spec).expect("offer created");
        let quote = self.call("capture_quote", json!({ "event": device_selected(&offer) }));
        (offer, quote.expect("quote captured"))
    }

    /// Selects a device and finalizes its order for a valid customer; answers the done
    /// screen's order.
    fn confirmed_order(&self) -> Value {
        self.select_device(OfferSpec::default());
        let order = self.call("finalize_order", json!({ "customer": customer_json() }));
        order.expect("order confirmed")
    }
}

/// Calls `command` from `webview` through Tauri's IPC and waits for its answer: the
/// command's JSON value, or the JSON of its error.
fn call_from(webview: &Webview<MockRuntime>, command: &str, args: Value) -> Result<Value, Value> {
    let request = InvokeRequest {
        cmd: command.into(),
        callback: CallbackFn(0),
        error: CallbackFn(1),
        url: page_url(),
        body: InvokeBody::Json(args),
        headers: Default::default(),
        invoke_key: INVOKE_KEY.into(),
    };
    let answer = get_ipc_response(&Sender(webview), request);
    answer.map(|body| body.deserialize().expect("answer is JSON"))
}

/// The URL of the app's own page, where every request of these tests comes from.
fn page_url() -> Url {
    let url = if cfg!(windows) { "http://tauri.localhost" } else { "tauri://localhost" };
    Url::parse(url).expect("URL")
}

/// Any webview as the sender of a request (Tauri's test helper takes a webview window).
struct Sender<'a>(&'a Webview<MockRuntime>);

impl AsRef<Webview<MockRuntime>> for Sender<'_> {
    fn as_ref(&self) -> &Webview<MockRuntime> {
        self.0
    }
}

/// The code of an error the page received.
fn code(error: &Value) -> &str {
    error["code"].as_str().unwrap_or_else(|| panic!("an error with a code: {error}"))
}

/// The `revendo_device_selected` message Revendo's page posts for `offer`.
fn device_selected(offer: &Offer) -> Value {
    let francs = |rappen: i64| rappen as f64 / 100.0;
    json!({
        "type": "revendo_device_selected",
        "details": {
            "offer_id": offer.offer_id,
            "price_id": offer.price_id,
            "product": { "id": offer.product_id, "name": offer.product_name, "quantity": 1 },
            "price": {
                "base": francs(offer.base),
                "final_cash": francs(offer.cash),
                "final_coupon": francs(offer.voucher),
            },
        },
    })
}

/// A message Revendo published, from `fixtures/revendo/`.
fn published(name: &str) -> Value {
    let path = format!("{}/fixtures/revendo/{name}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|error| panic!("{path}: {error}"));
    serde_json::from_str(&text).expect("fixture is JSON")
}

/// The valid customer as the page's form sends it.
fn customer_json() -> Value {
    let customer = customer();
    json!({
        "email": customer.email,
        "firstName": customer.first_name,
        "lastName": customer.last_name,
        "phone": customer.phone,
        "iban": customer.iban,
        "street": customer.street,
        "zip": customer.zip,
        "city": customer.city,
        "country": customer.country,
    })
}

/// A history filter as the page sends it when nothing is filtered.
fn no_filter() -> Value {
    json!({ "text": "", "from": null, "to": null, "states": [], "payout": null, "operator": null })
}

/// The commands `build.rs` makes permissions for, in its `COMMANDS` list.
fn permitted_commands() -> Vec<String> {
    let build = include_str!("../../build.rs");
    let list = build.split("const COMMANDS").nth(1).expect("COMMANDS in build.rs");
    let list = &list[..list.find("];").expect("end of COMMANDS")];
    list.split('"').skip(1).step_by(2).map(str::to_owned).collect()
}

#[test]
fn every_permitted_command_is_answered_and_the_page_is_granted_all_but_revendos() {
    let till = TillApp::start();
    let commands = permitted_commands();
    let capability: Value =
        serde_json::from_str(include_str!("../../capabilities/main.json")).expect("JSON");
    let granted: Vec<&str> = capability["permissions"]
        .as_array()
        .expect("permissions")
        .iter()
        .filter_map(Value::as_str)
        .collect();

    assert_eq!(commands.len(), 27, "{commands:?}");
    for command in &commands {
        // Empty arguments: a command that exists refuses them or answers; one that does
        // not exist is reported as not found.
        if let Err(error) = till.call(command, json!({})) {
            assert!(!error.to_string().contains("not found"), "{command}: {error}");
        }
        let permission = format!("allow-{}", command.replace('_', "-"));
        let for_page = command != "revendo_view_event";
        assert_eq!(granted.contains(&permission.as_str()), for_page, "{permission} in main.json");
    }
    let others: Vec<&&str> = granted.iter().filter(|p| !p.starts_with("allow-")).collect();
    assert_eq!(others, [&"core:event:allow-listen", &"core:event:allow-unlisten"]);
}
