//! The journal and the life of an order in it: created, attempts journaled around each
//! request, then confirmed, rejected or unresolved.

use std::path::Path;

use revendo_protocol::{Address, Customer, Iban, RevendoOrder, iban};
use rusqlite::types::ToSqlOutput;
use rusqlite::{
    Connection, OptionalExtension, ToSql, Transaction, TransactionBehavior, params,
    params_from_iter,
};
use time::OffsetDateTime;

use crate::ids::{AttemptId, OrderId, TillIdentity, partner_order_id};
use crate::model::{
    AttemptOutcome, Created, NewOrder, OrderState, OrderSummary, ResendOrder, to_millis,
};
use crate::rows::{self, SUMMARY_COLUMNS};
use crate::{Error, Result, connection, migrate};

/// The error code journaled for an attempt or order found unfinished at startup.
pub const INTERRUPTED: &str = "interrupted";

/// One till's journal of trade-in orders in one SQLite file.
///
/// Every method that changes an order commits before it returns: once it returned, the
/// change survives a crash or a power cut. Open one `Journal` per thread; reads on a
/// second `Journal` of the same file (an export, say) do not block writes.
#[derive(Debug)]
pub struct Journal {
    pub(crate) connection: Connection,
    identity: TillIdentity,
}

impl Journal {
    /// Opens the journal file, creating it (mode 0600 on Unix) and migrating its schema
    /// as needed. A file written by a newer app version is refused with
    /// [`Error::NewerSchema`] and left untouched.
    pub fn open(path: &Path, identity: TillIdentity) -> Result<Journal> {
        let mut connection = connection::open(path)?;
        migrate::migrate(&mut connection)?;
        Ok(Journal { connection, identity })
    }

    /// The store and till whose partner order ids this journal allocates.
    pub fn identity(&self) -> &TillIdentity {
        &self.identity
    }

    /// Journals a new order and allocates its partner order id (`ZH01-2-000042`) in the
    /// same transaction. If the offer already has an order, returns that one instead and
    /// writes nothing: one offer never becomes two orders.
    pub fn create_order(&mut self, order: &NewOrder, now: OffsetDateTime) -> Result<Created> {
        let transaction = write(&mut self.connection)?;
        let existing: Option<i64> = transaction
            .query_row("SELECT id FROM orders WHERE offer_id = ?1", [&order.offer_id], |row| {
                row.get(0)
            })
            .optional()?;
        if let Some(id) = existing {
            let summary = summary(&transaction, OrderId(id))?;
            return Ok(Created::Existing(summary));
        }

        let prefix = self.identity.prefix();
        let sequence: i64 = transaction.query_row(
            "INSERT INTO partner_order_sequences (prefix, last) VALUES (?1, 1)
             ON CONFLICT (prefix) DO UPDATE SET last = last + 1
             RETURNING last",
            [&prefix],
            |row| row.get(0),
        )?;
        let partner_order_id = partner_order_id(&prefix, sequence);

        let id = insert_order(&transaction, order, &partner_order_id, &self.identity, now)?;
        let summary = summary(&transaction, id)?;
        transaction.commit()?;
        tracing::info!(partner_order_id = %summary.partner_order_id, "order journaled");
        Ok(Created::New(summary))
    }

    /// Journals the start of an attempt and marks the order in flight; call it, and let
    /// it commit, before the request leaves. Settled orders are refused.
    pub fn begin_attempt(&mut self, order: OrderId, now: OffsetDateTime) -> Result<AttemptId> {
        let transaction = write(&mut self.connection)?;
        let partner_order_id = open_order(&transaction, order)?;

        let number: i64 = transaction.query_row(
            "SELECT coalesce(max(number), 0) + 1 FROM attempts WHERE order_id = ?1",
            [order.0],
            |row| row.get(0),
        )?;
        transaction.execute(
            "INSERT INTO attempts (order_id, number, started_at) VALUES (?1, ?2, ?3)",
            params![order.0, number, to_millis(now)],
        )?;
        let attempt = AttemptId(transaction.last_insert_rowid());
        transaction.execute(
            "UPDATE orders SET state = 'in_flight', updated_at = ?2 WHERE id = ?1",
            params![order.0, to_millis(now)],
        )?;

        transaction.commit()?;
        tracing::info!(%partner_order_id, attempt = number, "finalize attempt started");
        Ok(attempt)
    }

    /// Journals how an attempt ended. The order's state is changed separately by
    /// [`confirm`](Self::confirm), [`reject`](Self::reject) or
    /// [`mark_unresolved`](Self::mark_unresolved), or stays in flight while retries remain.
    pub fn finish_attempt(&mut self, attempt: AttemptId, outcome: &AttemptOutcome) -> Result<()> {
        let finished = to_millis(outcome.finished_at);
        let changed = self.connection.execute(
            "UPDATE attempts
             SET finished_at = ?2, duration_ms = max(?2 - started_at, 0), http_status = ?3,
                 error_code = ?4
             WHERE id = ?1",
            params![attempt.0, finished, outcome.http_status, outcome.error_code],
        )?;
        if changed == 0 {
            return Err(Error::AttemptNotFound(attempt.0));
        }
        Ok(())
    }

    /// Records Revendo's answer (HTTP 200, or 409 for an order that already existed) and
    /// settles the order as confirmed; in the same transaction the full IBAN is replaced
    /// by its masked form.
    pub fn confirm(
        &mut self,
        order: OrderId,
        answer: &RevendoOrder,
        now: OffsetDateTime,
    ) -> Result<()> {
        let transaction = write(&mut self.connection)?;
        let partner_order_id = open_order(&transaction, order)?;

        transaction.execute(
            "UPDATE orders SET
                state = 'confirmed', updated_at = ?2, settled_at = ?2,
                revendo_order_id = ?3, web_id = ?4, revendo_status = ?5,
                quote_amount_rappen = ?6, currency = ?7, tracking_url = ?8,
                revendo_created_at = ?9, already_existed = ?10,
                last_error_code = NULL, last_error_message = NULL
             WHERE id = ?1",
            params![
                order.0,
                to_millis(now),
                answer.order_id,
                answer.web_id,
                answer.status,
                answer.quote_amount.map(|amount| amount.0),
                answer.currency,
                answer.tracking_url,
                answer.created_at.map(to_millis),
                answer.already_existed,
            ],
        )?;
        mask_iban(&transaction, order)?;

        transaction.commit()?;
        let already_existed = answer.already_existed;
        tracing::info!(%partner_order_id, already_existed, "order confirmed");
        Ok(())
    }

    /// Settles the order as rejected by Revendo with its error code and message; in the
    /// same transaction the full IBAN is replaced by its masked form.
    pub fn reject(
        &mut self,
        order: OrderId,
        code: &str,
        message: &str,
        now: OffsetDateTime,
    ) -> Result<()> {
        let transaction = write(&mut self.connection)?;
        let partner_order_id = open_order(&transaction, order)?;

        transaction.execute(
            "UPDATE orders SET state = 'rejected', updated_at = ?2, settled_at = ?2,
                last_error_code = ?3, last_error_message = ?4
             WHERE id = ?1",
            params![order.0, to_millis(now), code, message],
        )?;
        mask_iban(&transaction, order)?;

        transaction.commit()?;
        tracing::info!(%partner_order_id, code, "order rejected");
        Ok(())
    }

    /// Marks the order unresolved: retries exhausted or no answer. Its full customer
    /// details stay so that staff can resend it with the same partner order id.
    pub fn mark_unresolved(
        &mut self,
        order: OrderId,
        code: &str,
        now: OffsetDateTime,
    ) -> Result<()> {
        let transaction = write(&mut self.connection)?;
        let partner_order_id = open_order(&transaction, order)?;

        transaction.execute(
            "UPDATE orders SET state = 'unresolved', updated_at = ?2,
                last_error_code = ?3, last_error_message = NULL
             WHERE id = ?1",
            params![order.0, to_millis(now), code],
        )?;

        transaction.commit()?;
        tracing::warn!(%partner_order_id, code, "order unresolved");
        Ok(())
    }

    /// Run at startup: orders left created or in flight by a process that was stopped
    /// become unresolved, and their open attempts are closed as `interrupted`. Returns
    /// those orders, for the app to show as needing resolution.
    pub fn recover_interrupted(&mut self, now: OffsetDateTime) -> Result<Vec<OrderSummary>> {
        let transaction = write(&mut self.connection)?;
        let now = to_millis(now);
        transaction.execute(
            "UPDATE attempts SET finished_at = ?1, error_code = ?2
             WHERE finished_at IS NULL AND order_id IN
                (SELECT id FROM orders WHERE state IN ('created', 'in_flight'))",
            params![now, INTERRUPTED],
        )?;
        let ids: Vec<i64> = transaction
            .prepare(
                "UPDATE orders SET state = 'unresolved', updated_at = ?1,
                    last_error_code = ?2, last_error_message = NULL
                 WHERE state IN ('created', 'in_flight')
                 RETURNING id",
            )?
            .query_map(params![now, INTERRUPTED], |row| row.get(0))?
            .collect::<rusqlite::Result<_>>()?;

        let mut recovered = Vec::with_capacity(ids.len());
        for id in ids {
            recovered.push(summary(&transaction, OrderId(id))?);
        }
        transaction.commit()?;
        for order in &recovered {
            tracing::warn!(partner_order_id = %order.partner_order_id, "interrupted order found");
        }
        Ok(recovered)
    }

    /// What is needed to send a not yet settled order again: the same offer and partner
    /// order id and the journaled customer, with the full IBAN.
    pub fn order_for_resend(&self, order: OrderId) -> Result<ResendOrder> {
        let found = self
            .connection
            .query_row(
                "SELECT partner_order_id, state, offer_id, first_name, last_name, email, phone,
                    iban, street, zip, city, country
                 FROM orders WHERE id = ?1",
                [order.0],
                |row| {
                    let texts: [Option<String>; 9] = [
                        row.get(3)?,
                        row.get(4)?,
                        row.get(5)?,
                        row.get(6)?,
                        row.get(7)?,
                        row.get(8)?,
                        row.get(9)?,
                        row.get(10)?,
                        row.get(11)?,
                    ];
                    Ok((row.get::<_, String>(0)?, rows::state(row, 1)?, row.get(2)?, texts))
                },
            )
            .optional()?;
        let (partner_order_id, state, offer_id, texts) =
            found.ok_or(Error::OrderNotFound(order.0))?;
        refuse_settled(&partner_order_id, state)?;

        let [first, last, email, phone, iban, street, zip, city, country] = texts;
        let not_resendable = || Error::NotResendable(partner_order_id.clone());
        let iban = iban.and_then(|text| Iban::parse(&text).ok()).ok_or_else(not_resendable)?;
        let customer = Customer {
            first_name: first.ok_or_else(not_resendable)?,
            last_name: last.ok_or_else(not_resendable)?,
            email: email.ok_or_else(not_resendable)?,
            phone: phone.ok_or_else(not_resendable)?,
            iban,
            address: Address {
                street: street.ok_or_else(not_resendable)?,
                zip: zip.ok_or_else(not_resendable)?,
                city: city.ok_or_else(not_resendable)?,
                country: country.ok_or_else(not_resendable)?,
            },
        };
        Ok(ResendOrder { id: order, offer_id, partner_order_id, customer })
    }
}

/// An immediate write transaction: the write lock is taken at its start, so a busy
/// database is waited for (up to the busy timeout) instead of failing mid-way.
fn write(connection: &mut Connection) -> Result<Transaction<'_>> {
    Ok(connection.transaction_with_behavior(TransactionBehavior::Immediate)?)
}

fn insert_order(
    transaction: &Transaction<'_>,
    order: &NewOrder,
    partner_order_id: &str,
    identity: &TillIdentity,
    now: OffsetDateTime,
) -> Result<OrderId> {
    let created_at = to_millis(now);
    let order_values: [&dyn ToSql; 13] = [
        &partner_order_id,
        &order.offer_id,
        &order.price_id,
        &order.product_id,
        &order.device_name,
        &order.cash.0,
        &order.voucher.0,
        &order.payout.as_str(),
        &order.operator,
        &identity.store.as_str(),
        &identity.till.as_str(),
        &created_at,
        &created_at,
    ];
    let customer = customer_values(&order.customer);
    let values = order_values.into_iter().chain(customer.iter().map(|value| value as &dyn ToSql));

    transaction.execute(
        &format!(
            "INSERT INTO orders (
                partner_order_id, offer_id, price_id, product_id, device_name,
                cash_rappen, voucher_rappen, payout, operator, store_id, till_id,
                created_at, updated_at, state, {CUSTOMER_COLUMNS}
             ) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, 'created',
                ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22)"
        ),
        params_from_iter(values),
    )?;
    Ok(OrderId(transaction.last_insert_rowid()))
}

/// The customer's columns in `orders`, in the order [`customer_values`] gives them.
pub(crate) const CUSTOMER_COLUMNS: &str =
    "first_name, last_name, email, phone, iban, street, zip, city, country";

/// A customer as the journal stores it in [`CUSTOMER_COLUMNS`]: the IBAN in full, until
/// the order settles and it is masked.
pub(crate) fn customer_values(customer: &Customer) -> [ToSqlOutput<'_>; 9] {
    let address = &customer.address;
    [
        customer.first_name.as_str().into(),
        customer.last_name.as_str().into(),
        customer.email.as_str().into(),
        customer.phone.as_str().into(),
        customer.iban.as_compact().into(),
        address.street.as_str().into(),
        address.zip.as_str().into(),
        address.city.as_str().into(),
        address.country.as_str().into(),
    ]
}

/// The order's summary, read inside a transaction.
pub(crate) fn summary(connection: &Connection, order: OrderId) -> Result<OrderSummary> {
    connection
        .query_row(
            &format!("SELECT {SUMMARY_COLUMNS} FROM orders o WHERE o.id = ?1"),
            [order.0],
            rows::summary,
        )
        .optional()?
        .ok_or(Error::OrderNotFound(order.0))
}

/// The partner order id of `order`, which must exist and be open: a confirmed or
/// rejected order never changes again.
fn open_order(connection: &Connection, order: OrderId) -> Result<String> {
    let (partner_order_id, state) = connection
        .query_row("SELECT partner_order_id, state FROM orders WHERE id = ?1", [order.0], |row| {
            Ok((row.get::<_, String>(0)?, rows::state(row, 1)?))
        })
        .optional()?
        .ok_or(Error::OrderNotFound(order.0))?;
    refuse_settled(&partner_order_id, state)?;
    Ok(partner_order_id)
}

fn refuse_settled(partner_order_id: &str, state: OrderState) -> Result<()> {
    if state.is_settled() {
        return Err(Error::AlreadySettled {
            partner_order_id: partner_order_id.to_owned(),
            state: state.as_str(),
        });
    }
    Ok(())
}

/// Replaces the stored IBAN by its masked form; called in the transaction that settles
/// the order.
fn mask_iban(transaction: &Transaction<'_>, order: OrderId) -> Result<()> {
    let stored: Option<String> =
        transaction
            .query_row("SELECT iban FROM orders WHERE id = ?1", [order.0], |row| row.get(0))?;
    if let Some(stored) = stored {
        transaction.execute(
            "UPDATE orders SET iban = ?2 WHERE id = ?1",
            params![order.0, iban::mask(&stored)],
        )?;
    }
    Ok(())
}
