//! Generates the Tauri context and one permission per till command, so that the
//! capability files grant each window exactly the commands it uses.

/// Every command of the till; each gets `allow-<command>` and `deny-<command>`.
const COMMANDS: &[&str] = &[
    "app_info",
    "capture_quote",
    "update_cart",
    "set_payout",
    "forget_quote",
    "current_quote",
    "validate_customer",
    "finalize_order",
    "resend_order",
    "search_history",
    "order_detail",
    "history_totals",
    "receipt",
    "print_receipt",
    "open_tracking_url",
    "copy_tracking_url",
    "export_history_csv",
    "cancel_export",
    "key_status",
    "set_api_key",
    "delete_api_key",
    "get_settings",
    "save_settings",
    "report_dropped_messages",
    "place_revendo_view",
    "reload_revendo_view",
    "revendo_view_event",
];

fn main() {
    println!("cargo:rerun-if-changed=src-tauri/capabilities");
    println!("cargo:rerun-if-changed=src-tauri/permissions");

    let manifest = tauri_build::AppManifest::new()
        .commands(COMMANDS)
        .permissions_path_pattern("src-tauri/permissions/**/*");
    let attributes = tauri_build::Attributes::new()
        .app_manifest(manifest)
        .capabilities_path_pattern("src-tauri/capabilities/**/*");

    tauri_build::try_build(attributes).expect("the Tauri context could not be generated");
}
