//! The Revendo partner protocol as a till needs it, with no dependency on the app shell:
//! money in Rappen, the customer and their validation, the order Revendo reports back.

pub mod customer;
pub mod iban;
pub mod money;
pub mod order;

pub use customer::{Address, Customer, CustomerInput};
pub use iban::{Iban, IbanError};
pub use money::Rappen;
pub use order::{Payout, RevendoOrder};
