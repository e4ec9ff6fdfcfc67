#!/usr/bin/env python3
"""Writes a deterministic benchmark migration: N statements of the kinds real
migrations contain (DDL and DML, on existing tables and on tables the file creates),
grouped into migration-sized runs with SET lock_timeout and BEGIN/COMMIT around some.

    python3 bench/gen_corpus.py --statements 20000 --out bench_20k.sql
"""
import argparse
import random

EXISTING_TABLES = ["users", "orders", "order_items", "payments", "invoices", "products", "sessions", "audit_log"]
TYPES = ["bigint", "integer", "text", "varchar(255)", "timestamptz", "boolean", "numeric(12, 2)", "jsonb", "uuid"]
WORDS = ["status", "email", "amount", "region", "source", "note", "owner_id", "account_id", "created_at",
         "updated_at", "deleted_at", "external_ref", "priority", "currency", "discount", "label"]


class Generator:
    def __init__(self, seed):
        self.rng = random.Random(seed)
        self.tables = list(EXISTING_TABLES)
        self.created = 0
        self.objects = 0

    def table(self):
        # Half the statements touch the long-lived tables, half the ones the file created.
        return self.rng.choice(EXISTING_TABLES if self.rng.random() < 0.5 else self.tables)

    def column(self):
        return self.rng.choice(WORDS) + ("_" + str(self.rng.randrange(100)) if self.rng.random() < 0.5 else "")

    def name(self, prefix):
        self.objects += 1
        return f"{prefix}_{self.objects}"

    def create_table(self):
        self.created += 1
        name = f"feature_{self.created}"
        cols = ["    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY"]
        for _ in range(self.rng.randrange(3, 9)):
            col = f"    {self.column()}_{len(cols)} {self.rng.choice(TYPES)}"
            if self.rng.random() < 0.4:
                col += " NOT NULL"
            cols.append(col)
        if self.rng.random() < 0.5:
            cols.append(f"    user_id bigint REFERENCES users (id)")
        cols.append("    created_at timestamptz NOT NULL DEFAULT now()")
        self.tables.append(name)
        return f"CREATE TABLE {name} (\n" + ",\n".join(cols) + "\n)"

    def add_column(self):
        col = f"ALTER TABLE {self.table()} ADD COLUMN {self.name(self.rng.choice(WORDS))} {self.rng.choice(TYPES)}"
        if self.rng.random() < 0.3:
            col += " DEFAULT NULL"
        return col

    def add_constraint(self):
        t = self.table()
        if self.rng.random() < 0.5:
            return (f"ALTER TABLE {t} ADD CONSTRAINT {self.name(t + '_user_fk')} FOREIGN KEY (user_id) "
                    f"REFERENCES users (id) NOT VALID")
        return f"ALTER TABLE {t} ADD CONSTRAINT {self.name(t + '_check')} CHECK (id > 0) NOT VALID"

    def alter_type(self):
        return f"ALTER TABLE {self.table()} ALTER COLUMN {self.column()} TYPE {self.rng.choice(['bigint', 'text'])}"

    def create_index(self):
        t = self.table()
        concurrently = "CONCURRENTLY " if self.rng.random() < 0.6 else ""
        cols = ", ".join(self.rng.sample(WORDS, self.rng.randrange(1, 3)))
        return f"CREATE INDEX {concurrently}{self.name(t + '_idx')} ON {t} ({cols})"

    def update(self):
        t = self.table()
        lo = self.rng.randrange(1, 10_000_000)
        return (f"UPDATE {t} SET {self.column()} = '{self.rng.choice(WORDS)}' "
                f"WHERE id >= {lo} AND id < {lo + 10000} AND {self.column()} IS NULL")

    def insert(self):
        t = self.table()
        rows = ", ".join(f"({self.rng.randrange(1, 10**9)}, '{self.rng.choice(WORDS)}-{i}', now())"
                         for i in range(self.rng.randrange(1, 5)))
        return f"INSERT INTO {t} (id, label, created_at) VALUES {rows}"

    def delete(self):
        return f"DELETE FROM {self.table()} WHERE id = {self.rng.randrange(1, 10**9)}"

    def comment(self):
        return (f"COMMENT ON COLUMN {self.table()}.{self.column()} IS 'Set by the {self.rng.choice(WORDS)} job; "
                f"read by the {self.rng.choice(WORDS)} report and the nightly export'")

    def statement(self):
        kinds = [(self.create_table, 8), (self.add_column, 16), (self.add_constraint, 6), (self.alter_type, 4),
                 (self.create_index, 14), (self.update, 12), (self.insert, 20), (self.delete, 6),
                 (self.comment, 14)]
        functions, weights = zip(*kinds)
        return self.rng.choices(functions, weights)[0]()

    def migrations(self, total):
        """Yields statements (without the semicolon) until `total` have been produced."""
        produced = 0
        while produced < total:
            body = [self.statement() for _ in range(self.rng.randrange(3, 12))]
            if self.rng.random() < 0.8:
                body.insert(0, "SET lock_timeout = '3s'")
            if self.rng.random() < 0.4:
                body = ["BEGIN"] + body + ["COMMIT"]
            for stmt in body[: total - produced]:
                yield stmt
                produced += 1


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--statements", type=int, default=20000)
    parser.add_argument("--seed", type=int, default=20240601)
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    with open(args.out, "w", encoding="utf-8") as out:
        for stmt in Generator(args.seed).migrations(args.statements):
            out.write(stmt + ";\n")


if __name__ == "__main__":
    main()
