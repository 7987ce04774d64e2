select *
  from Orders o -- hot
 where o.customer_id = 42 /* x */ and status = 'NEW'
-- @@
SELECT * FROM t WHERE id IN (1, 2, 3)
-- @@
SELECT * FROM t WHERE id IN (?, ?, ?, ?)
-- @@
SELECT * FROM t WHERE id IN (?::int, ?::int) AND b IN (1, x) AND c IN (SELECT id FROM u)
-- @@
SELECT * FROM t WHERE id = ANY(ARRAY[1,2,3]) AND tags && ARRAY['a', 'b']::text[] AND m = ARRAY[ARRAY[1,2],[3]]
-- @@
INSERT INTO t (a, b) VALUES (1, 'x'), (2, 'y'), (3, 'z')
-- @@
INSERT INTO t (a, b) VALUES (1, 'x'), (2, now()), (3, 'z') RETURNING id
-- @@
INSERT INTO t VALUES (1, (2)), (3, (4)) ON CONFLICT (a) DO UPDATE SET b = excluded.b
-- @@
VALUES (1, 2), (3, 4), (5, 6)
-- @@
SELECT $$it's; -- not a comment$$, $tag$x $$ y$tag$, $unterminated FROM t
-- @@
SELECT E'a\'b', e'\\', 'it''s', B'1010', X'ff', N'nat', U&'d\0061t' FROM t
-- @@
SELECT '2024-01-01'::date, x::text, cast(y AS numeric(10, 2)), z::varchar(20)[] FROM t
-- @@
SELECT "Mixed Case"."Col", "we""ird" FROM "Mixed Case"
-- @@
SELECT * FROM t WHERE a = -1 AND b = 1.5e3 AND c - 1 > 0 AND d = +.5 AND e = 0x1F AND f = 1_000_000 AND g = 1e-7 AND h BETWEEN 1 AND 2
-- @@
SELECT * FROM t WHERE id = $1 AND b = $23
-- @@
SELECT count(*) FROM t /* nested /* comment */ still */
-- @@
select * from t;
-- @@
SELECT 1; SELECT 2;
-- @@
SELECT * FROM orders WHERE id = ? FOR UPDATE SKIP LOCKED
-- @@
SELECT * FROM orders WHERE id = ? FOR NO KEY UPDATE
-- @@
SELECT a, b INTO new_table FROM t
-- @@
WITH moved AS (DELETE FROM q WHERE id = 1 RETURNING *) INSERT INTO archive SELECT * FROM moved
-- @@
WITH x AS (SELECT * FROM t FOR UPDATE) SELECT * FROM x
-- @@
WITH RECURSIVE r(n) AS (VALUES (1) UNION ALL SELECT n + 1 FROM r WHERE n < 10) SELECT sum(n) FROM r
-- @@
UPDATE accounts SET balance = balance - 100.00, updated_at = now() WHERE id = 7 AND version = 3
-- @@
DELETE FROM sessions WHERE expires_at < now() - interval '1 day'
-- @@
MERGE INTO t USING s ON t.id = s.id WHEN MATCHED THEN UPDATE SET v = s.v WHEN NOT MATCHED THEN INSERT VALUES (s.id, s.v)
-- @@
{call refresh_totals(?, ?)}
-- @@
{? = call next_id('orders')}
-- @@
CALL archive_orders(30)
-- @@
CREATE INDEX CONCURRENTLY idx_orders_customer ON orders (customer_id) WHERE status <> 'DONE'
-- @@
ALTER TABLE t ADD COLUMN c int DEFAULT 0
-- @@
TRUNCATE t
-- @@
SHOW work_mem
-- @@
TABLE orders
-- @@
((SELECT 1))
-- @@
SELECT 'oops FROM t
-- @@

-- @@
   -- only a comment
-- @@
SELECT Größe, ÉTAT, straße FROM Maßnahmen WHERE naïve = 'ß'
-- @@
SELECT * FROM t WHERE a ~* '^x' AND b !~~ 'y%' AND c @> '{1}'::jsonb AND d->>'k' = 'v' AND e #> '{a,b}' IS NOT NULL
-- @@
SELECT a::int--comment
, b/*c*/FROM t WHERE x=-1AND y=1
-- @@
SELECT o.*, row_number() OVER (PARTITION BY o.customer_id ORDER BY o.created_at DESC NULLS LAST) AS rn FROM orders o LIMIT 10 OFFSET 20
-- @@
SELECT * FROM t WHERE name ILIKE '%a%' ESCAPE '\' AND x IS DISTINCT FROM y FETCH FIRST 5 ROWS ONLY
-- @@
SELECT CASE WHEN a > 0 THEN 'pos' WHEN a < 0 THEN 'neg' ELSE 'zero' END, COALESCE(b, 0), arr[1], arr[1:2] FROM t
-- @@
INSERT INTO author SELECT g, 'author ' || g, md5(g::text)::uuid FROM generate_series(1, 60) g
-- @@
INSERT INTO events (customer_code, kind, payload) SELECT g % 50000, 'k' || (g % 7), repeat('x', 100) FROM generate_series(1, 200000) g
-- @@
SELECT * FROM dblink('x', 'DELETE FROM t') AS t(a int)
-- @@
SELECT b.id, b.title, a.name FROM book b JOIN author a ON a.id = b.author_id WHERE b.title ILIKE ? ORDER BY b.id LIMIT ?
-- @@
SELECT * FROM order_items WHERE order_id = ANY(?) ORDER BY id
-- @@
SELECT id FROM t WHERE (a, b) IN ((1, 2), (3, 4)) AND c NOT IN ('x', 'y')
-- @@
SELECT x FROM t WHERE y = :name AND z = @var AND w = $ AND v = `q`
-- @@
SELECT 1 FROM t WHERE a = 1.. AND b = 5.e AND c = .5e+3
-- @@
select   a
	from	b
where c = 'multi
line'
-- @@
INSERT INTO t (a) VALUES (ARRAY[1, 2]), (ARRAY[3, 4, 5])
-- @@
SELECT * FROM unnest(ARRAY[?, ?, ?]::bigint[]) WITH ORDINALITY
-- @@
SELECT lower(name) AS n FROM users u WHERE u.email = lower(?) AND u.deleted_at IS NULL UNION SELECT 'x' EXCEPT SELECT 'y' INTERSECT SELECT 'z'
