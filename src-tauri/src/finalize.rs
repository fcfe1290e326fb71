//! Finalizing an order: journal it, send it, journal what came back.
//!
//! The order and its partner order id are committed before the first request leaves,
//! every attempt is journaled before and after, and the outcome is committed before
//! the page hears of it. A till killed at any point leaves an order that the next start
//! lists as unresolved, and resending it reuses the partner order id, so Revendo
//! answers 409 with the order if it had been created.

use order_journal::{
    AttemptId, AttemptOutcome, Created, NewOrder, OrderId, OrderState, OrderSummary, ResendOrder,
};
use revendo_protocol::{
    ApiKey, AttemptObserver, AttemptReport, AttemptVeto, CustomerInput, FinalizeRequest, Resolution,
};
use time::OffsetDateTime;

use crate::dto::FinalizedOrder;
use crate::error::{Error, Result};
use crate::quote_desk::Unusable;
use crate::till::Till;

/// Refusals that staff can fix on the same quote (a corrected field, a new key): the
/// order is reopened with the corrected customer instead of asking for a new quote.
const FIXABLE_REFUSALS: [&str; 2] = ["invalid_request", "unauthorized"];

/// Finalizes the held quote for the customer typed in the form.
pub async fn finalize_held_quote(till: &Till, input: &CustomerInput) -> Result<FinalizedOrder> {
    let now = OffsetDateTime::now_utc();
    let held = till.desk().usable(now).map_err(|unusable| match unusable {
        Unusable::NoQuote => Error::NoQuote,
        Unusable::Expired => Error::QuoteExpired,
    })?;
    let customer = input.validate().map_err(Error::InvalidCustomer)?;
    let key = till.credentials.key()?;
    let _claim = till.claim_sending(&held.quote.offer_id)?;

    let new_order = NewOrder {
        offer_id: held.quote.offer_id.clone(),
        price_id: held.quote.price_id.clone(),
        product_id: held.quote.product.id.clone(),
        device_name: held.quote.product.name.clone(),
        cash: held.quote.cash,
        voucher: held.quote.voucher,
        payout: held.payout,
        customer,
        operator: till.settings().operator,
    };
    // Bound first: the journal's lock must be released before the arms lock it again.
    let created = till.journal().create_order(&new_order, now)?;
    let order = match created {
        Created::New(order) => order,
        Created::Existing(order) => match order.state {
            OrderState::Confirmed => return confirmed(till, &order),
            OrderState::Rejected => reopen_if_fixable(till, order, &new_order, now)?,
            OrderState::Created | OrderState::InFlight | OrderState::Unresolved => order,
        },
    };

    let resend = till.journal().order_for_resend(order.id)?;
    send(till, &key, resend, &order).await
}

/// Sends an unresolved order again, exactly as journaled.
pub async fn resend_order(till: &Till, partner_order_id: &str) -> Result<FinalizedOrder> {
    let key = till.credentials.key()?;
    let order = till.journal().find_by_partner_order_id(partner_order_id)?;
    let order = order.ok_or_else(|| Error::UnknownOrder(partner_order_id.to_owned()))?;
    if order.state == OrderState::Confirmed {
        return confirmed(till, &order);
    }
    if order.state == OrderState::Rejected {
        let code = order.last_error_code.clone().unwrap_or_default();
        return Err(Error::AlreadyRejected { partner_order_id: order.partner_order_id, code });
    }
    let _claim = till.claim_sending(&order.offer_id)?;

    let resend = till.journal().order_for_resend(order.id)?;
    send(till, &key, resend, &order).await
}

/// One finalize call with its retries, and the journaling of its outcome.
async fn send(
    till: &Till,
    key: &ApiKey,
    resend: ResendOrder,
    order: &OrderSummary,
) -> Result<FinalizedOrder> {
    let partner_order_id = resend.partner_order_id.clone();
    let request = FinalizeRequest::new(resend.offer_id, resend.partner_order_id, resend.customer);
    let mut attempts = JournaledAttempts { till, order: resend.id, open: None };
    tracing::info!(partner_order_id, "finalizing order");

    let outcome = till.client.finalize(key, &request, &mut attempts).await;
    let now = OffsetDateTime::now_utc();

    match outcome {
        Ok(revendo) => {
            till.journal().confirm(resend.id, &revendo, now)?;
            till.desk().settle(&order.offer_id);
            tracing::info!(
                partner_order_id,
                revendo_order_id = revendo.order_id,
                already_existed = revendo.already_existed,
                "order confirmed"
            );
            Ok(FinalizedOrder {
                partner_order_id,
                product_name: order.device_name.clone(),
                payout: order.payout,
                amount: order.payout.amount_of(order.cash, order.voucher),
                revendo,
            })
        }
        Err(source) => {
            let code = source.code();
            match source.resolution() {
                Resolution::Rejected => {
                    let message = source.server_message().unwrap_or_default().to_owned();
                    till.journal().reject(resend.id, code, &message, now)?;
                    tracing::warn!(partner_order_id, code, "order refused by Revendo");
                }
                // Sent or not, the order stays open in the history, to be resent with its
                // partner order id; only what staff are told differs (the error's code).
                resolution @ (Resolution::Unresolved | Resolution::NotSent) => {
                    till.journal().mark_unresolved(resend.id, code, now)?;
                    let maybe_received = resolution == Resolution::Unresolved;
                    tracing::warn!(partner_order_id, code, maybe_received, "order left open");
                }
            }
            Err(Error::Finalize { partner_order_id, source: Box::new(source) })
        }
    }
}

/// A refused order whose refusal staff can fix is reopened with the corrected
/// customer; any other refusal needs a new quote.
fn reopen_if_fixable(
    till: &Till,
    order: OrderSummary,
    corrected: &NewOrder,
    now: OffsetDateTime,
) -> Result<OrderSummary> {
    let code = order.last_error_code.clone().unwrap_or_default();
    if !FIXABLE_REFUSALS.contains(&code.as_str()) {
        return Err(Error::AlreadyRejected { partner_order_id: order.partner_order_id, code });
    }
    tracing::info!(partner_order_id = order.partner_order_id, code, "reopening refused order");
    Ok(till.journal().reopen_rejected(order.id, &corrected.customer, now)?)
}

/// The done screen of an order confirmed earlier (a second click, or a reload).
fn confirmed(till: &Till, order: &OrderSummary) -> Result<FinalizedOrder> {
    let detail = till.journal().order_detail(order.id)?;
    let revendo = detail.revendo.ok_or_else(|| {
        order_journal::Error::Corrupt(format!("{} is confirmed without an answer", order.id.0))
    })?;
    Ok(FinalizedOrder {
        partner_order_id: order.partner_order_id.clone(),
        product_name: order.device_name.clone(),
        payout: order.payout,
        amount: order.payout.amount_of(order.cash, order.voucher),
        revendo,
    })
}

/// Journals each attempt before its request leaves and after it ended. If the journal
/// cannot record an attempt, the attempt is not sent.
struct JournaledAttempts<'a> {
    till: &'a Till,
    order: OrderId,
    open: Option<AttemptId>,
}

impl AttemptObserver for JournaledAttempts<'_> {
    fn attempt_starting(&mut self, _number: u32) -> std::result::Result<(), AttemptVeto> {
        let now = OffsetDateTime::now_utc();
        let attempt = self.till.journal().begin_attempt(self.order, now);
        let attempt = attempt.map_err(|error| AttemptVeto(error.to_string()))?;
        self.open = Some(attempt);
        Ok(())
    }

    fn attempt_finished(&mut self, report: &AttemptReport) {
        let Some(attempt) = self.open.take() else { return };
        let outcome = AttemptOutcome {
            finished_at: report.started_at + report.duration,
            http_status: report.http_status,
            error_code: report.error_code.map(str::to_owned),
        };
        if let Err(error) = self.till.journal().finish_attempt(attempt, &outcome) {
            // The order's state is still settled afterwards; only this attempt's
            // record stays open, and the next start closes it as interrupted.
            tracing::error!(attempt = report.number, %error, "attempt outcome not journaled");
        }
    }
}

#[cfg(test)]
mod tests;
