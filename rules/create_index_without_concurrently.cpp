// create-index-without-concurrently: CREATE INDEX on an existing table without CONCURRENTLY.
#include "analyzer/rule.h"

namespace rules {
namespace {

using analyzer::RuleInfo;

const RuleInfo kInfo{
    "create-index-without-concurrently",
    analyzer::Severity::error,
    analyzer::RuleGroup::locks,
    {
        "CREATE INDEX without CONCURRENTLY blocks writes to the table while the index builds",
        "`CREATE INDEX` (and `CREATE UNIQUE INDEX`) on a table that already exists, without `CONCURRENTLY`. "
        "Tables created earlier in the files under review are new and empty, so indexing them is not flagged.",
        "A plain CREATE INDEX takes a SHARE lock on the table for the whole build: every INSERT, UPDATE and "
        "DELETE waits until the index is complete, which on a large table is minutes to hours. Reads still work, "
        "but queued writers hold back everything behind them.",
        "CREATE INDEX orders_user_id_idx ON orders (user_id);",
        "-- Run outside a transaction block (in its own migration, with the tool's transaction off):\n"
        "CREATE INDEX CONCURRENTLY IF NOT EXISTS orders_user_id_idx ON orders (user_id);\n"
        "-- If it fails it leaves an INVALID index behind: DROP INDEX CONCURRENTLY it and retry.",
        "",
    },
};

class CreateIndexWithoutConcurrently : public analyzer::Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }

  void check(const analyzer::StatementContext& ctx, analyzer::Reporter& out) override {
    const sqlparse::Node stmt = ctx.statement.tree;
    if (!stmt.is("IndexStmt") || stmt["concurrent"].boolean()) return;
    const analyzer::QualifiedName& table = ctx.relation();
    if (ctx.is_new_table(table)) return;
    const std::string index_name(stmt["idxname"].str());
    std::string sql(ctx.statement.text);
    // Suggest the same statement with CONCURRENTLY after INDEX.
    const std::size_t at = find_keyword(sql, "INDEX");
    if (at != std::string::npos) sql.insert(at + 5, " CONCURRENTLY");
    out.report(ctx.statement,
               "CREATE INDEX" + (index_name.empty() ? std::string() : " " + index_name) + " on " + table.str() +
                   " without CONCURRENTLY holds a SHARE lock that blocks writes for the whole build",
               "build the index with CONCURRENTLY, outside a transaction block", sql + ";");
  }

 private:
  static std::size_t find_keyword(const std::string& sql, std::string_view word) {
    for (std::size_t i = 0; i + word.size() <= sql.size(); ++i) {
      bool match = true;
      for (std::size_t k = 0; k < word.size() && match; ++k)
        match = std::toupper(static_cast<unsigned char>(sql[i + k])) == word[k];
      if (match) return i;
    }
    return std::string::npos;
  }
};

}  // namespace

std::unique_ptr<analyzer::Rule> make_create_index_without_concurrently() {
  return std::make_unique<CreateIndexWithoutConcurrently>();
}

}  // namespace rules
