//! The till's journal of trade-in orders.
