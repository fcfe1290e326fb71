-- History search and the record of personal-data purges.
--
-- `order_search` is a contentless FTS5 index (the text lives in `orders` only) with the
-- trigram tokenizer, so any part of a word of three characters or more matches, ignoring
-- case and accents. Triggers keep it in step with `orders`, so purged text leaves the
-- index in the same transaction. Its rowid is the order's id.
--
-- A Swiss phone is indexed in its national form (`0791234567`), as staff read it. Of the
-- three order ids only the trailing number is indexed (`000042` of `ZH01-2-000042`,
-- `001234` of `ANK-2025-001234`): their prefixes are shared by every order and would
-- only make the index larger and digit searches slower.

CREATE VIRTUAL TABLE order_search USING fts5 (
    name, email, phone, ids, device,
    content = '',
    contentless_delete = 1,
    tokenize = 'trigram remove_diacritics 1'
);

CREATE TRIGGER orders_search_insert AFTER INSERT ON orders BEGIN
    INSERT INTO order_search (rowid, name, email, phone, ids, device) VALUES (
        new.id,
        trim(coalesce(new.first_name, '') || ' ' || coalesce(new.last_name, '')),
        new.email,
        CASE WHEN new.phone LIKE '+41%' THEN '0' || substr(new.phone, 4) ELSE new.phone END,
        substr(new.partner_order_id, length(rtrim(new.partner_order_id, '0123456789')) + 1)
            || ' ' || coalesce(substr(new.revendo_order_id,
                length(rtrim(new.revendo_order_id, '0123456789')) + 1), '')
            || ' ' || coalesce(substr(new.web_id, length(rtrim(new.web_id, '0123456789')) + 1), ''),
        new.device_name
    );
END;

CREATE TRIGGER orders_search_update
AFTER UPDATE OF first_name, last_name, email, phone, revendo_order_id, web_id, device_name
ON orders BEGIN
    DELETE FROM order_search WHERE rowid = old.id;
    INSERT INTO order_search (rowid, name, email, phone, ids, device) VALUES (
        new.id,
        trim(coalesce(new.first_name, '') || ' ' || coalesce(new.last_name, '')),
        new.email,
        CASE WHEN new.phone LIKE '+41%' THEN '0' || substr(new.phone, 4) ELSE new.phone END,
        substr(new.partner_order_id, length(rtrim(new.partner_order_id, '0123456789')) + 1)
            || ' ' || coalesce(substr(new.revendo_order_id,
                length(rtrim(new.revendo_order_id, '0123456789')) + 1), '')
            || ' ' || coalesce(substr(new.web_id, length(rtrim(new.web_id, '0123456789')) + 1), ''),
        new.device_name
    );
END;

CREATE TRIGGER orders_search_delete AFTER DELETE ON orders BEGIN
    DELETE FROM order_search WHERE rowid = old.id;
END;

-- Orders journaled before this migration.
INSERT INTO order_search (rowid, name, email, phone, ids, device)
SELECT
    id,
    trim(coalesce(first_name, '') || ' ' || coalesce(last_name, '')),
    email,
    CASE WHEN phone LIKE '+41%' THEN '0' || substr(phone, 4) ELSE phone END,
    substr(partner_order_id, length(rtrim(partner_order_id, '0123456789')) + 1)
        || ' ' || coalesce(substr(revendo_order_id,
            length(rtrim(revendo_order_id, '0123456789')) + 1), '')
        || ' ' || coalesce(substr(web_id, length(rtrim(web_id, '0123456789')) + 1), ''),
    device_name
FROM orders;

CREATE TABLE purges (
    id             INTEGER PRIMARY KEY,
    purged_at      INTEGER NOT NULL,
    retention_days INTEGER NOT NULL,
    orders_purged  INTEGER NOT NULL
);
