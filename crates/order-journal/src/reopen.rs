//! Finding an order by the id staff read out, and reopening an order Revendo refused
//! for a reason staff can correct.

use revendo_protocol::Customer;
use rusqlite::{OptionalExtension, ToSql, TransactionBehavior, params_from_iter};
use time::OffsetDateTime;

use crate::ids::OrderId;
use crate::journal::{CUSTOMER_COLUMNS, Journal, customer_values, summary};
use crate::model::{OrderState, OrderSummary, to_millis};
use crate::{Error, Result};

impl Journal {
    /// The order with this partner order id, if the journal has it.
    pub fn find_by_partner_order_id(&self, partner_order_id: &str) -> Result<Option<OrderSummary>> {
        let id: Option<i64> = self
            .connection
            .query_row(
                "SELECT id FROM orders WHERE partner_order_id = ?1",
                [partner_order_id],
                |row| row.get(0),
            )
            .optional()?;
        id.map(|id| summary(&self.connection, OrderId(id))).transpose()
    }

    /// Puts a rejected order back to `created` with the corrected customer, keeping its
    /// partner order id and offer: Revendo created nothing for a refused request, so
    /// the same id may be sent again. The full IBAN is journaled again until the order
    /// settles. An order that is not rejected is refused.
    pub fn reopen_rejected(
        &mut self,
        order: OrderId,
        customer: &Customer,
        now: OffsetDateTime,
    ) -> Result<OrderSummary> {
        let transaction =
            self.connection.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let current = summary(&transaction, order)?;
        if current.state != OrderState::Rejected {
            return Err(Error::AlreadySettled {
                partner_order_id: current.partner_order_id,
                state: current.state.as_str(),
            });
        }

        let updated_at = to_millis(now);
        let order_values: [&dyn ToSql; 2] = [&order.0, &updated_at];
        let customer = customer_values(customer);
        let values =
            order_values.into_iter().chain(customer.iter().map(|value| value as &dyn ToSql));
        transaction.execute(
            &format!(
                "UPDATE orders SET state = 'created', updated_at = ?2, settled_at = NULL,
                    last_error_code = NULL, last_error_message = NULL,
                    ({CUSTOMER_COLUMNS}) = (?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)
                 WHERE id = ?1"
            ),
            params_from_iter(values),
        )?;
        let reopened = summary(&transaction, order)?;

        transaction.commit()?;
        tracing::info!(partner_order_id = reopened.partner_order_id, "rejected order reopened");
        Ok(reopened)
    }
}
