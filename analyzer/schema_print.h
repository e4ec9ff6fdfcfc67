// Renders the schema model for `schemaguard schema`: text for people, JSON for tools
// (the shape is documented in contracts.md, "JSON output of schema").
#pragma once

#include <ostream>

#include "analyzer/schema.h"

namespace analyzer {

void write_schema_text(std::ostream& out, const Schema& schema);
void write_schema_json(std::ostream& out, const Schema& schema);

}  // namespace analyzer
