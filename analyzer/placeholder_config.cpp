// PLACEHOLDER: config and migration set are being written.
#include "analyzer/config.h"
#include "analyzer/migration_set.h"
namespace analyzer {
std::optional<std::string> find_config(const std::string&) { return std::nullopt; }
std::optional<Config> load_config(const std::string&, const KnownNames&, sqlparse::InputError& e) { e.message = "todo"; return std::nullopt; }
std::optional<std::vector<Migration>> discover_migrations(const std::string&, const MigrationSetOptions&, sqlparse::InputError& e) { e.message = "todo"; return std::nullopt; }
const std::vector<std::string>& convention_names() { static std::vector<std::string> v; return v; }
}
