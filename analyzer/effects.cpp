#include "analyzer/effects.h"

#include <algorithm>

namespace analyzer {

using sqlparse::Node;

std::string_view lock_mode_name(LockMode mode) {
  switch (mode) {
    case LockMode::AccessShare: return "AccessShareLock";
    case LockMode::RowShare: return "RowShareLock";
    case LockMode::RowExclusive: return "RowExclusiveLock";
    case LockMode::ShareUpdateExclusive: return "ShareUpdateExclusiveLock";
    case LockMode::Share: return "ShareLock";
    case LockMode::ShareRowExclusive: return "ShareRowExclusiveLock";
    case LockMode::Exclusive: return "ExclusiveLock";
    case LockMode::AccessExclusive: return "AccessExclusiveLock";
  }
  return "";
}

bool blocks_reads(LockMode mode) { return mode == LockMode::AccessExclusive; }
bool blocks_writes(LockMode mode) { return mode >= LockMode::Share; }

const RelationLock* Effects::lock_on(const QualifiedName& relation) const {
  for (const RelationLock& l : locks)
    if (l.relation == relation) return &l;
  return nullptr;
}

const RelationLock* Effects::strongest() const {
  const RelationLock* best = nullptr;
  for (const RelationLock& l : locks)
    if (!best || l.mode > best->mode) best = &l;
  return best;
}

namespace {

struct Builder {
  const Schema& schema;
  const SessionState& session;
  Effects effects;

  QualifiedName qualify(const QualifiedName& name) const { return schema.qualify(name, session.search_path); }

  void lock(const QualifiedName& name, LockMode mode) {
    const QualifiedName q = qualify(name);
    for (RelationLock& l : effects.locks) {
      if (l.relation == q) {
        l.mode = std::max(l.mode, mode);
        return;
      }
    }
    effects.locks.push_back({q, mode});
  }
  void rewrite(const QualifiedName& name) { add_unique(effects.rewrites, qualify(name)); }
  void scan(const QualifiedName& name) { add_unique(effects.scans, qualify(name)); }

  static void add_unique(std::vector<QualifiedName>& v, const QualifiedName& q) {
    if (std::find(v.begin(), v.end(), q) == v.end()) v.push_back(q);
  }
};

// Volatile default expressions force a rewrite when a column is added. The full
// catalogue-driven answer belongs to the effects model; these are the common ones.
bool is_volatile_default(Node expr) {
  bool volatile_call = false;
  expr.walk([&](Node n) {
    if (!n.is("FuncCall")) return;
    const std::string name = join_names(n["funcname"]);
    static const char* const kVolatile[] = {"clock_timestamp", "random", "gen_random_uuid", "uuid_generate_v4",
                                            "uuid_generate_v1", "nextval", "timeofday", "txid_current",
                                            "pg_catalog.clock_timestamp", "pg_catalog.random",
                                            "pg_catalog.gen_random_uuid", "pg_catalog.nextval"};
    for (const char* v : kVolatile)
      if (name == v) volatile_call = true;
  });
  return volatile_call;
}

bool is_serial_type(std::string_view type) {
  return type == "serial" || type == "bigserial" || type == "smallserial" || type == "serial2" ||
         type == "serial4" || type == "serial8";
}

void alter_table(Builder& b, Node stmt, int pg_version) {
  const QualifiedName table = range_var_name(stmt["relation"]);
  LockMode mode = LockMode::AccessShare;
  bool any = false;
  for (Node cmd : stmt["cmds"]) {
    any = true;
    const std::string_view sub = cmd["subtype"].str();
    LockMode cmd_mode = LockMode::AccessExclusive;
    if (sub == "AT_AddColumn") {
      const Node def = cmd["def"];
      bool rewrite = is_serial_type(type_name(def["typeName"]));
      for (Node con : def["constraints"]) {
        const std::string_view contype = con["contype"].str();
        if (contype == "CONSTR_DEFAULT" && (pg_version < 11 || is_volatile_default(con["raw_expr"]))) rewrite = true;
        if (contype == "CONSTR_IDENTITY" || contype == "CONSTR_GENERATED") rewrite = true;
        if (contype == "CONSTR_CHECK" && !con["skip_validation"].boolean()) b.scan(table);
        if (contype == "CONSTR_FOREIGN") b.lock(range_var_name(con["pktable"]), LockMode::ShareRowExclusive);
      }
      if (rewrite) b.rewrite(table);
    } else if (sub == "AT_AlterColumnType") {
      b.rewrite(table);
    } else if (sub == "AT_SetNotNull") {
      b.scan(table);
    } else if (sub == "AT_AddConstraint") {
      const Node con = cmd["def"];
      const std::string_view contype = con["contype"].str();
      const bool not_valid = con["skip_validation"].boolean();
      if (contype == "CONSTR_FOREIGN") {
        cmd_mode = LockMode::ShareRowExclusive;
        b.lock(range_var_name(con["pktable"]), LockMode::ShareRowExclusive);
        if (!not_valid) b.scan(table);
      } else if (contype == "CONSTR_CHECK") {
        if (!not_valid) b.scan(table);
      } else if (contype == "CONSTR_PRIMARY" || contype == "CONSTR_UNIQUE" || contype == "CONSTR_EXCLUSION") {
        if (con["indexname"].str().empty()) b.scan(table);
      }
    } else if (sub == "AT_ValidateConstraint") {
      cmd_mode = LockMode::ShareUpdateExclusive;
      b.scan(table);
    } else if (sub == "AT_SetStatistics" || sub == "AT_ClusterOn" || sub == "AT_DropCluster" ||
               sub == "AT_SetRelOptions" || sub == "AT_ResetRelOptions" || sub == "AT_SetOptions" ||
               sub == "AT_ResetOptions") {
      cmd_mode = LockMode::ShareUpdateExclusive;
    } else if (sub == "AT_EnableTrig" || sub == "AT_DisableTrig" || sub == "AT_EnableAlwaysTrig" ||
               sub == "AT_EnableReplicaTrig" || sub == "AT_EnableTrigAll" || sub == "AT_DisableTrigAll" ||
               sub == "AT_EnableTrigUser" || sub == "AT_DisableTrigUser" || sub == "AT_AddIndexConstraint") {
      cmd_mode = LockMode::ShareRowExclusive;
    } else if (sub == "AT_DetachPartition" && cmd["def"]["concurrent"].boolean()) {
      cmd_mode = LockMode::ShareUpdateExclusive;
      b.effects.transactional = false;
    } else if (sub == "AT_AttachPartition") {
      cmd_mode = pg_version >= 12 ? LockMode::ShareUpdateExclusive : LockMode::AccessExclusive;
    } else if (sub == "AT_SetTableSpace" || sub == "AT_SetLogged" || sub == "AT_SetUnLogged") {
      b.rewrite(table);
    }
    mode = std::max(mode, cmd_mode);
  }
  if (any) b.lock(table, mode);
}

}  // namespace

Effects compute_effects(const sqlparse::Statement& statement, const Schema& schema, const SessionState& session,
                        int pg_version) {
  Builder b{schema, session, {}};
  const Node stmt = statement.tree;
  const std::string_view kind = stmt.kind();

  if (kind == "IndexStmt") {
    const bool concurrent = stmt["concurrent"].boolean();
    b.lock(range_var_name(stmt["relation"]), concurrent ? LockMode::ShareUpdateExclusive : LockMode::Share);
    b.scan(range_var_name(stmt["relation"]));
    if (concurrent) b.effects.transactional = false;
  } else if (kind == "AlterTableStmt") {
    alter_table(b, stmt, pg_version);
  } else if (kind == "DropStmt") {
    const std::string_view type = stmt["removeType"].str();
    const bool concurrent = stmt["concurrent"].boolean();
    for (Node object : stmt["objects"]) {
      const QualifiedName name = list_name(object["items"].valid() ? object["items"] : object);
      if (type == "OBJECT_TABLE" || type == "OBJECT_VIEW" || type == "OBJECT_MATVIEW") {
        b.lock(name, LockMode::AccessExclusive);
      } else if (type == "OBJECT_INDEX") {
        for (const auto& [index_name, index] : schema.indexes()) {
          if (index_name.name == name.name && (!name.qualified() || index_name.schema == name.schema)) {
            b.lock(index.table, concurrent ? LockMode::ShareUpdateExclusive : LockMode::AccessExclusive);
            break;
          }
        }
      }
    }
    if (concurrent) b.effects.transactional = false;
  } else if (kind == "RenameStmt") {
    const std::string_view type = stmt["renameType"].str();
    if (type == "OBJECT_INDEX") {
      // Renaming an index locks the index, not its table (ShareUpdateExclusive from 12).
      const QualifiedName index_name = range_var_name(stmt["relation"]);
      for (const auto& [name, index] : schema.indexes()) {
        if (name.name == index_name.name && (!index_name.qualified() || name.schema == index_name.schema)) {
          b.lock(index.table, pg_version >= 12 ? LockMode::ShareUpdateExclusive : LockMode::AccessExclusive);
          break;
        }
      }
    } else if (stmt["relation"]) {
      b.lock(range_var_name(stmt["relation"]), LockMode::AccessExclusive);
    }
  } else if (kind == "AlterObjectSchemaStmt") {
    if (stmt["relation"]) b.lock(range_var_name(stmt["relation"]), LockMode::AccessExclusive);
  } else if (kind == "UpdateStmt" || kind == "DeleteStmt" || kind == "InsertStmt") {
    b.lock(range_var_name(stmt["relation"]), LockMode::RowExclusive);
  } else if (kind == "TruncateStmt") {
    for (Node rel : stmt["relations"]) b.lock(range_var_name(rel), LockMode::AccessExclusive);
  } else if (kind == "CreateTrigStmt") {
    b.lock(range_var_name(stmt["relation"]), LockMode::ShareRowExclusive);
  } else if (kind == "ClusterStmt") {
    if (stmt["relation"]) {
      b.lock(range_var_name(stmt["relation"]), LockMode::AccessExclusive);
      b.rewrite(range_var_name(stmt["relation"]));
    }
  } else if (kind == "VacuumStmt") {
    bool full = false;
    for (Node opt : stmt["options"])
      if (opt["defname"].str() == "full") full = true;
    for (Node rel : stmt["rels"]) {
      const QualifiedName name = range_var_name(rel["relation"]);
      b.lock(name, full ? LockMode::AccessExclusive : LockMode::ShareUpdateExclusive);
      if (full) b.rewrite(name);
    }
    if (stmt["is_vacuumcmd"].boolean()) b.effects.transactional = false;
  } else if (kind == "ReindexStmt") {
    bool concurrent = false;
    for (Node opt : stmt["params"])
      if (opt["defname"].str() == "concurrently") concurrent = true;
    const std::string_view target = stmt["kind"].str();
    if (target == "REINDEX_OBJECT_TABLE" && stmt["relation"])
      b.lock(range_var_name(stmt["relation"]), concurrent ? LockMode::ShareUpdateExclusive : LockMode::Share);
    if (concurrent || target == "REINDEX_OBJECT_SCHEMA" || target == "REINDEX_OBJECT_SYSTEM" ||
        target == "REINDEX_OBJECT_DATABASE")
      b.effects.transactional = false;
  } else if (kind == "CreateStmt") {
    // A new table locks the tables its foreign keys reference, and a partition its parent.
    const auto reference = [&](Node con) {
      if (con["contype"].str() == "CONSTR_FOREIGN") b.lock(range_var_name(con["pktable"]), LockMode::ShareRowExclusive);
    };
    for (Node elt : stmt["tableElts"]) {
      if (elt.is("Constraint")) reference(elt);
      for (Node con : elt["constraints"]) reference(con);
    }
    for (Node parent : stmt["inhRelations"])
      b.lock(range_var_name(parent), stmt["partbound"] ? LockMode::AccessExclusive : LockMode::ShareUpdateExclusive);
  } else if (kind == "CreatedbStmt" || kind == "DropdbStmt" || kind == "AlterSystemStmt" ||
             kind == "CreateTableSpaceStmt" || kind == "DropTableSpaceStmt") {
    b.effects.transactional = false;
  } else if (kind == "AlterEnumStmt") {
    // ALTER TYPE ... ADD VALUE could not run in a transaction block before 12.
    if (pg_version < 12 && !stmt["oldVal"]) b.effects.transactional = false;
  } else if (kind == "RefreshMatViewStmt") {
    b.lock(range_var_name(stmt["relation"]), stmt["concurrent"].boolean() ? LockMode::Exclusive : LockMode::AccessExclusive);
  }

  return std::move(b.effects);
}

}  // namespace analyzer
