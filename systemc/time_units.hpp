// SystemC time <-> the nanoseconds cimsim reports. The kernel runs at a 1 fs resolution (set in
// simulate()) so that clock periods like 1/1.2 GHz do not drift over millions of cycles.
#pragma once

#include <systemc>

namespace cimsim::systemc {

inline sc_core::sc_time ns(double value) { return sc_core::sc_time(value, sc_core::SC_NS); }
inline double to_ns(const sc_core::sc_time& time) {
  return time / sc_core::sc_time(1, sc_core::SC_NS);
}
inline double now_ns() { return to_ns(sc_core::sc_time_stamp()); }

}  // namespace cimsim::systemc
