//! A simulation of Revendo on loopback: the trade-in iframe and the order API.
