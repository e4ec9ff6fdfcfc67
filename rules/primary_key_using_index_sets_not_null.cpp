// primary-key-using-index-sets-not-null: ADD PRIMARY KEY USING INDEX over a nullable column, which
// sets NOT NULL with a full scan under ACCESS EXCLUSIVE.
#include "analyzer/rule.h"
#include "rules/common.h"

namespace rules {
namespace {

using analyzer::QualifiedName;
using analyzer::RuleInfo;
using sqlparse::Node;

const RuleInfo kInfo{
    "primary-key-using-index-sets-not-null",
    analyzer::Severity::error,
    analyzer::RuleGroup::locks,
    {
        "ADD PRIMARY KEY USING INDEX on a nullable column scans the table under an ACCESS EXCLUSIVE lock",
        "`ALTER TABLE ... ADD [CONSTRAINT name] PRIMARY KEY USING INDEX index` on a table that already exists, "
        "when the schema model knows a key column of the index is nullable: not NOT NULL and (on PostgreSQL 12 "
        "and later) not proven non-null by a validated `CHECK (column IS NOT NULL)`. A table created earlier in "
        "the files under review is new and empty, so it is not flagged. Severity: error.",
        "USING INDEX is the online way to add a primary key: the unique index is built beforehand with CREATE "
        "UNIQUE INDEX CONCURRENTLY and the ALTER TABLE only attaches it. But a primary key needs its columns NOT "
        "NULL, and PostgreSQL sets NOT NULL on every nullable key column as part of the statement, reading every "
        "row to prove there is no NULL while it holds the ACCESS EXCLUSIVE lock. For the whole scan nothing can "
        "read or write the table, which is exactly what building the index concurrently was meant to avoid.",
        "CREATE UNIQUE INDEX CONCURRENTLY accounts_id_idx ON accounts (id);\n"
        "ALTER TABLE accounts ADD CONSTRAINT accounts_pkey PRIMARY KEY USING INDEX accounts_id_idx;  -- id nullable",
        "CREATE UNIQUE INDEX CONCURRENTLY accounts_id_idx ON accounts (id);\n"
        "-- Prove id has no NULL without a long lock (brief ACCESS EXCLUSIVE, no scan):\n"
        "ALTER TABLE accounts ADD CONSTRAINT accounts_id_not_null CHECK (id IS NOT NULL) NOT VALID;\n"
        "-- In a separate transaction: scans under SHARE UPDATE EXCLUSIVE (reads and writes go on):\n"
        "ALTER TABLE accounts VALIDATE CONSTRAINT accounts_id_not_null;\n"
        "-- PostgreSQL 12+ trusts the validated CHECK and skips the scan:\n"
        "ALTER TABLE accounts ADD CONSTRAINT accounts_pkey PRIMARY KEY USING INDEX accounts_id_idx;\n"
        "ALTER TABLE accounts DROP CONSTRAINT accounts_id_not_null;",
        "From PostgreSQL 12 a validated CHECK (column IS NOT NULL) spares the scan (checked on 15 with "
        "pg_stat_user_tables.seq_scan); on 11 setting NOT NULL always scans and there is no way around it.",
    },
};

// The effects model notes when a validated CHECK spared this column's NOT NULL scan.
bool check_spares_scan(const analyzer::Effects& effects, const std::string& column) {
  const std::string proof = " proves " + column + " IS NOT NULL";
  for (const std::string& note : effects.notes)
    if (note.find(proof) != std::string::npos) return true;
  return false;
}

std::string join_columns(const std::vector<std::string>& columns) {
  std::string out;
  for (const std::string& c : columns) out += (out.empty() ? "" : ", ") + c;
  return out;
}

class PrimaryKeyUsingIndexSetsNotNull : public analyzer::Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }

  void check(const analyzer::StatementContext& ctx, analyzer::Reporter& out) override {
    const Node stmt = ctx.statement.tree;
    if (!stmt.is("AlterTableStmt") || stmt["objtype"].str() == "OBJECT_INDEX") return;
    const QualifiedName& table = ctx.relation();
    const analyzer::Table* model = ctx.find_table(table);
    if (!model || ctx.is_new_table(table)) return;
    for (Node cmd : stmt["cmds"]) {
      const Node con = cmd["def"];
      if (cmd["subtype"].str() != "AT_AddConstraint" || con["contype"].str() != "CONSTR_PRIMARY") continue;
      const std::string index_name(con["indexname"].str());
      if (index_name.empty()) continue;  // builds its own index: add-unique-constraint-builds-index
      // The index lives in its table's schema.
      const analyzer::Index* index = ctx.schema.find_index(QualifiedName{"", index_name}, {table.schema});
      if (!index) continue;
      std::vector<std::string> nullable;
      for (const std::string& key : index->columns) {
        const analyzer::Column* column = model->column(key);
        if (column && !column->not_null && !check_spares_scan(ctx.effects, key)) nullable.push_back(key);
      }
      if (!nullable.empty()) report(ctx, out, table, *index, std::string(con["conname"].str()), nullable);
    }
  }

 private:
  static void report(const analyzer::StatementContext& ctx, analyzer::Reporter& out, const QualifiedName& table,
                     const analyzer::Index& index, const std::string& constraint,
                     const std::vector<std::string>& nullable) {
    const std::string columns = join_columns(nullable);
    const std::string message =
        "ADD PRIMARY KEY USING INDEX " + index.name.str() + " on " + table.str() + " sets NOT NULL on nullable " +
        (nullable.size() > 1 ? "columns " : "column ") + columns +
        ": PostgreSQL scans the whole table for NULLs under an ACCESS EXCLUSIVE lock that blocks reads and writes";
    if (ctx.pg_version < 12) {
      out.report(ctx.statement, message,
                 "PostgreSQL " + std::to_string(ctx.pg_version) +
                     " always scans to set NOT NULL: run it in a quiet period with a lock_timeout, or upgrade to "
                     "12+ where a validated CHECK (column IS NOT NULL) spares the scan");
      return;
    }
    const std::string t = qualified_sql(table);
    std::string sql;
    std::string drops;
    for (const std::string& column : nullable) {
      const std::string check = quote_identifier(default_constraint_name(table.name, {column}, "not_null"));
      sql += "ALTER TABLE " + t + " ADD CONSTRAINT " + check + " CHECK (" + quote_identifier(column) +
             " IS NOT NULL) NOT VALID;\n";
      sql += "-- in a separate transaction (reads and writes go on during the scan):\n";
      sql += "ALTER TABLE " + t + " VALIDATE CONSTRAINT " + check + ";\n";
      drops += "\nALTER TABLE " + t + " DROP CONSTRAINT " + check + ";";
    }
    const std::string named = constraint.empty() ? "" : "CONSTRAINT " + quote_identifier(constraint) + " ";
    sql += "ALTER TABLE " + t + " ADD " + named + "PRIMARY KEY USING INDEX " + quote_identifier(index.name.name) +
           ";  -- no scan: the CHECK proves it" + drops;
    out.report(ctx.statement, message,
               "prove " + columns + " IS NOT NULL first with a CHECK ... NOT VALID constraint validated in a separate "
               "transaction; PostgreSQL then attaches the primary key without scanning, and the CHECK can go",
               sql);
  }
};

}  // namespace

std::unique_ptr<analyzer::Rule> make_primary_key_using_index_sets_not_null() {
  return std::make_unique<PrimaryKeyUsingIndexSetsNotNull>();
}

}  // namespace rules
