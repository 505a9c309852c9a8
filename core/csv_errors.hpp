// libfccp's CSV errors turned into cimsim's InputError form ("PATH:LINE: what, expected ..."),
// for every reader built on <csv.h> (workload files, NeuroSim files, weight files, traces, the
// per-layer zero fractions a configuration names).
#pragma once

#include <csv.h>
#include <string>

#include "core/errors.hpp"

namespace cimsim {

// `expected` says what a row or header holds, e.g. "8 integers per line".
InputError csv_input_error(const std::string& path, const io::error::base& error, const std::string& expected);

}  // namespace cimsim
