-- Orders, their attempts and the partner order id sequences.
--
-- Timestamps are INTEGER milliseconds since the Unix epoch, UTC. Amounts are INTEGER
-- Rappen. There is deliberately no column for the API key.

CREATE TABLE orders (
    id                      INTEGER PRIMARY KEY,
    partner_order_id        TEXT    NOT NULL UNIQUE,
    offer_id                TEXT    NOT NULL UNIQUE,
    price_id                TEXT,
    product_id              TEXT,
    device_name             TEXT    NOT NULL,
    cash_rappen             INTEGER NOT NULL,
    voucher_rappen          INTEGER NOT NULL,
    payout                  TEXT    NOT NULL CHECK (payout IN ('cash', 'voucher')),

    -- Personal data: NULL once purged after the retention period. The IBAN is the full
    -- compact IBAN until the order is confirmed or rejected, then its masked form.
    first_name              TEXT,
    last_name               TEXT,
    email                   TEXT,
    phone                   TEXT,
    iban                    TEXT,
    street                  TEXT,
    zip                     TEXT,
    city                    TEXT,
    country                 TEXT    NOT NULL,

    operator                TEXT    NOT NULL,
    store_id                TEXT    NOT NULL,
    till_id                 TEXT    NOT NULL,

    state                   TEXT    NOT NULL CHECK (state IN
                                ('created', 'in_flight', 'confirmed', 'rejected', 'unresolved')),
    created_at              INTEGER NOT NULL,
    updated_at              INTEGER NOT NULL,
    settled_at              INTEGER,
    personal_data_purged_at INTEGER,

    -- Revendo's answer, once confirmed (HTTP 200 or 409).
    revendo_order_id        TEXT,
    web_id                  TEXT,
    revendo_status          TEXT,
    quote_amount_rappen     INTEGER,
    currency                TEXT,
    tracking_url            TEXT,
    revendo_created_at      INTEGER,
    already_existed         INTEGER,

    last_error_code         TEXT,
    last_error_message      TEXT
);

-- By creation time, carrying what totals sum, so that totals of a day or a month are read
-- from this index alone.
CREATE INDEX orders_created_at
    ON orders (created_at, state, payout, cash_rappen, voucher_rappen);

-- Orders that still need the app's attention: small, so startup recovery is instant.
CREATE INDEX orders_open ON orders (state)
    WHERE state IN ('created', 'in_flight', 'unresolved');

-- Settled orders whose personal data has not been purged yet.
CREATE INDEX orders_purge_due ON orders (settled_at)
    WHERE settled_at IS NOT NULL AND personal_data_purged_at IS NULL;

CREATE TABLE attempts (
    id           INTEGER PRIMARY KEY,
    order_id     INTEGER NOT NULL REFERENCES orders (id),
    number       INTEGER NOT NULL,
    started_at   INTEGER NOT NULL,
    finished_at  INTEGER,
    duration_ms  INTEGER,
    http_status  INTEGER,
    error_code   TEXT,
    UNIQUE (order_id, number)
);

-- The last number handed out per `{store}-{till}` prefix.
CREATE TABLE partner_order_sequences (
    prefix TEXT    PRIMARY KEY,
    last   INTEGER NOT NULL
) WITHOUT ROWID;
