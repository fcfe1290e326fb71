//! The customer's receipt of a confirmed trade-in: what it says, and its QR code of
//! the tracking URL.

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use order_journal::{OrderDetail, OrderState};
use qrcode::QrCode;
use qrcode::render::svg;
use revendo_protocol::{Payout, Rappen};
use serde::Serialize;
use time::OffsetDateTime;

use crate::error::{Error, Result};

/// Everything printed on a receipt; the page lays it out for an 80 mm roll or A4.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "camelCase")]
pub struct Receipt {
    /// The store's lines from the settings (name, address, phone).
    pub header: Vec<String>,
    pub store_id: String,
    pub till_id: String,
    pub operator: String,
    pub product_name: String,
    pub payout: Payout,
    /// The amount of the chosen payout.
    pub amount: Rappen,
    pub currency: String,
    /// Revendo's order id.
    pub order_id: String,
    pub web_id: Option<String>,
    pub partner_order_id: String,
    pub tracking_url: String,
    /// The tracking URL as a QR code, an SVG image in a `data:` URL.
    pub qr_data_url: String,
    /// When Revendo confirmed the order: the date the receipt states.
    #[serde(with = "time::serde::rfc3339")]
    #[cfg_attr(test, ts(type = "string"))]
    pub confirmed_at: OffsetDateTime,
    /// A reprint, marked as a copy with `printed_at`.
    pub copy: bool,
    #[serde(with = "time::serde::rfc3339")]
    #[cfg_attr(test, ts(type = "string"))]
    pub printed_at: OffsetDateTime,
}

/// The receipt of a confirmed order; other orders print none.
pub fn for_order(
    detail: &OrderDetail,
    header: Vec<String>,
    copy: bool,
    now: OffsetDateTime,
) -> Result<Receipt> {
    let order = &detail.summary;
    let revendo = match (&detail.revendo, order.state) {
        (Some(revendo), OrderState::Confirmed) => revendo,
        _ => return Err(Error::NotConfirmed(order.partner_order_id.clone())),
    };
    let amount = order.payout.amount_of(order.cash, order.voucher);

    Ok(Receipt {
        header,
        store_id: detail.store_id.clone(),
        till_id: detail.till_id.clone(),
        operator: order.operator.clone(),
        product_name: order.device_name.clone(),
        payout: order.payout,
        amount,
        currency: revendo.currency.clone().unwrap_or_else(|| "CHF".to_owned()),
        order_id: revendo.order_id.clone(),
        web_id: revendo.web_id.clone(),
        partner_order_id: order.partner_order_id.clone(),
        tracking_url: revendo.tracking_url.clone(),
        qr_data_url: qr_data_url(&revendo.tracking_url)?,
        confirmed_at: detail.settled_at.unwrap_or(detail.updated_at),
        copy,
        printed_at: now,
    })
}

/// The URL as a QR code (error correction M, which survives a smudged thermal print)
/// in an SVG `data:` URL.
fn qr_data_url(url: &str) -> Result<String> {
    let code = QrCode::with_error_correction_level(url.as_bytes(), qrcode::EcLevel::M).map_err(
        |error| Error::Receipt(format!("the tracking URL does not fit a QR code: {error}")),
    )?;
    let image = code.render::<svg::Color<'_>>().min_dimensions(200, 200).quiet_zone(true).build();
    Ok(format!("data:image/svg+xml;base64,{}", STANDARD.encode(image)))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Draws the code's modules as a greyscale image, four pixels per module with a
    /// quiet zone, as a printed receipt would look to a scanner.
    fn scan(url: &str) -> String {
        let code =
            QrCode::with_error_correction_level(url.as_bytes(), qrcode::EcLevel::M).expect("fits");
        let width = code.width();
        let colors = code.to_colors();
        let (scale, margin) = (4, 4);
        let side = (width + 2 * margin) * scale;
        let dark = |x: usize, y: usize| {
            let (mx, my) = (x / scale, y / scale);
            let inside =
                (margin..width + margin).contains(&mx) && (margin..width + margin).contains(&my);
            inside && colors[(my - margin) * width + (mx - margin)] == qrcode::Color::Dark
        };

        let mut image = rqrr::PreparedImage::prepare_from_greyscale(side, side, |x, y| {
            if dark(x, y) { 0 } else { 255 }
        });
        let grids = image.detect_grids();
        assert_eq!(grids.len(), 1, "one code on the receipt");
        grids[0].decode().expect("decodes").1
    }

    #[test]
    fn the_qr_code_scans_back_to_exactly_the_tracking_url() {
        let url = "https://revendo.ch/ankauf/tracking/?order=ANK-2026-000042";

        assert_eq!(scan(url), url);
    }

    #[test]
    fn the_qr_image_is_an_svg_data_url() {
        let data_url =
            qr_data_url("https://revendo.ch/ankauf/tracking/?order=W-0105185").expect("rendered");

        let encoded = data_url.strip_prefix("data:image/svg+xml;base64,").expect("svg data url");
        let svg = STANDARD.decode(encoded).expect("base64");
        assert!(String::from_utf8(svg).expect("text").contains("<svg"));
    }
}
