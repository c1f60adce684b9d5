// Umbrella header: everything a tool linking diplograph needs.
#pragma once

#include "diplograph/answers.hpp"
#include "diplograph/bulk_load.hpp"
#include "diplograph/date.hpp"
#include "diplograph/document.hpp"
#include "diplograph/event.hpp"
#include "diplograph/export.hpp"
#include "diplograph/extract.hpp"
#include "diplograph/graph_store.hpp"
#include "diplograph/import.hpp"
#include "diplograph/ingest.hpp"
#include "diplograph/query.hpp"
#include "diplograph/status.hpp"
